// GET /v1/guidance: the query and the catalogue's shape, as the OpenAPI document describes it.
import * as z from 'zod/mini';
import { CATEGORY_CODES, LEVEL_CODES } from './codes.ts';

const Words = /* @__PURE__ */ z.object({ id: z.string(), en: z.string() });

export const GuidanceQuery = /* @__PURE__ */ z.strictObject({
  category: z.optional(z.enum(CATEGORY_CODES)).check(z.describe('Only the acts of this violation category (LAINNYA has none).')),
});

export const GuidanceCatalogue = /* @__PURE__ */ z
  .object({
    version: z.string().check(z.describe('The catalogue version, e.g. skb-2022/v1; decisions record the version they were checked against.')),
    acts: z.array(
      z.object({
        code: z.string().check(z.describe('Upper snake case; a report may name it as actCode.')),
        category: z.enum(CATEGORY_CODES),
        title: Words,
        description: Words,
        ethics: z.nullable(z.object({ sanctions: z.array(z.enum(['MORAL_TERTUTUP', 'MORAL_TERBUKA'])) })).check(z.describe('The code-of-ethics path: moral sanctions of PP 42/2004.')),
        discipline: z.nullable(z.object({ levels: z.array(z.enum(LEVEL_CODES)) })).check(z.describe('The discipline path: PP 94/2021 levels.')),
        basis: z.array(z.string()).check(z.describe('The legal basis, for a reader to check.')),
      }),
    ),
    allowed: z.array(z.object({ code: z.string(), title: Words, note: z.optional(z.string()) })).check(z.describe('What an ASN may do.')),
  })
  .register(z.globalRegistry, { id: 'GuidanceCatalogue' });
