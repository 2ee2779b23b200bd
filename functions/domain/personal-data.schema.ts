// Personal data (UU 27/2022): the sealed reporter as every answer shows it, the unseal request and its answer,
// and the access log's entries and pages.
import * as z from 'zod/mini';
import { bilingual } from './messages.ts';
import { REPORTER_KINDS } from './codes.ts';
import { text } from './common.schema.ts';

export const SealedReporter = /* @__PURE__ */ z
  .object({ kind: z.enum(REPORTER_KINDS), sealed: z.literal(true) })
  .register(z.globalRegistry, {
    id: 'SealedReporter',
    description: 'The reporter as every answer shows it: the kind only. The name and contact are stored sealed; POST /v1/reports/{id}/reporter/unseal opens them, on the record.',
  });

export type SealedReporter = z.infer<typeof SealedReporter>;

/** A sealed identity as stored beside its report: the wrapped data key, the master key that wrapped it, and the
 *  AES-256-GCM ciphertext (base64url). Never answered. */
export interface SealedValue {
  v: 1;
  keyId: string;
  key: string;
  iv: string;
  tag: string;
  data: string;
}

/** Why the identity is needed: written to the timeline and e-mailed to the PPK. */
export const UnsealBody = /* @__PURE__ */ z
  .strictObject({
    reason: text(1000).check(z.minLength(20, bilingual('alasan paling sedikit 20 karakter', 'the reason must be at least 20 characters'))),
  })
  .register(z.globalRegistry, { id: 'UnsealReporter' });

export const UnsealResult = /* @__PURE__ */ z
  .object({
    reporter: z.object({ kind: z.enum(REPORTER_KINDS), name: z.optional(z.string()), contact: z.optional(z.string()) }),
    keyId: z.string().check(z.describe('The API key that unsealed it, as the timeline records it.')),
    unsealedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'UnsealedReporter', description: 'Confidential: the reporter\'s identity, answered only here.' });

export const AccessEntry = /* @__PURE__ */ z
  .object({
    at: z.string(),
    keyId: z.string().check(z.describe('The id of the API key that read (never the key).')),
    route: z.string().check(z.describe('The route that answered, e.g. GET /v1/reports/{id}.')),
    reportId: z.optional(z.string()),
    nip: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'AccessEntry' });
export type AccessEntry = z.infer<typeof AccessEntry>;

export const AccessLogPage = /* @__PURE__ */ z
  .object({ items: z.array(AccessEntry), nextCursor: z.nullable(z.string()) })
  .register(z.globalRegistry, { id: 'AccessLogPage' });

export const AccessLogQuery = /* @__PURE__ */ z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});

/** What a sealed reporter identity is bound to: it opens only for this region and report. */
export interface SealContext {
  regionId: string;
  reportId: string;
}

/** A reporter's identity in plain: only an unseal answers it. */
export interface ReporterIdentity {
  name?: string;
  contact?: string;
}

/** An access-log entry as the journal keeps it: its region, and an id of its own, so an entry written twice (a
 *  batch delivered again, a journal replayed after a crash) is one item. */
export interface JournalledAccess {
  regionId: string;
  id: string;
  entry: AccessEntry;
}

/** One API key's distinct reports read within one UTC hour (`hour`: YYYY-MM-DDTHH), as far as counted. */
export interface KeyHourReads {
  keyId: string;
  hour: string;
  distinctReports: number;
}
