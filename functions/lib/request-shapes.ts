// Request shapes more than one route reads: the Idempotency-Key header, a decision link's path and query and its refusals.
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

/** Why a decision link's page answers no form, by status (DecisionLinkError): the document lists them for both routes. */
export const DECISION_LINK_REFUSALS = {
  403: 'The link is incomplete or was altered',
  404: 'netra does not know the link',
  409: 'The link was used, or the report moved past its step',
  410: 'The link expired, was replaced by a newer one, or was handed on to someone else',
} as const;
