// Request shapes more than one route reads: the Idempotency-Key header and a decision link's path and query.
import { bilingual } from '#domain/messages';
import * as z from 'zod/mini';

export const IdempotencyHeaders = /* @__PURE__ */ z.looseObject({
  'idempotency-key': z.optional(z.string().check(z.regex(/^[\x21-\x7e]{1,255}$/, bilingual('1-255 karakter ASCII tanpa spasi', '1-255 visible ASCII characters')))),
});

// Decision links are opened by people from e-mails: a bad id or signature is judged by the use case (403/404),
// not rejected here as 400, so these shapes stay loose.
export const DecisionParams = /* @__PURE__ */ z.strictObject({ decisionId: z.string().check(z.maxLength(128)) });
export const DecisionQuery = /* @__PURE__ */ z.looseObject({
  exp: z.optional(z.string()).check(z.describe('The link expiry (epoch seconds), signed.')),
  sig: z.optional(z.string()).check(z.describe('HMAC signature of the decision id and expiry.')),
});
