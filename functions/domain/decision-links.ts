// Decision links: an opaque id only the server can make, a signature that binds it to its expiry,
// and the hash under which it is stored, so a copy of the table alone cannot act on a report.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random nonce for a decision record (128 bits). */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The decision id of a record: HMAC(secret, nonce), so reminders can send the same link again
 *  while the table keeps only the nonce and the id's hash. 192 bits, base64url. */
export function decisionIdFor(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`decision-id\n${nonce}`).digest().subarray(0, 24).toString('base64url');
}

/** The key a decision is stored under: the id itself never reaches the table or the workflow's history. */
export function decisionKey(decisionId: string): string {
  return createHash('sha256').update(decisionId).digest('hex');
}

function signature(secret: string, decisionId: string, expiresEpoch: number): Buffer {
  return createHmac('sha256', secret).update(`decision-link\n${decisionId}.${expiresEpoch}`).digest().subarray(0, 16);
}

export function signLink(secret: string, decisionId: string, expiresAt: string): { exp: string; sig: string } {
  const exp = Math.floor(new Date(expiresAt).getTime() / 1000);
  return { exp: String(exp), sig: signature(secret, decisionId, exp).toString('base64url') };
}

/** The link an approver receives. */
export function decisionUrl(baseUrl: string, secret: string, decisionId: string, expiresAt: string): string {
  const { exp, sig } = signLink(secret, decisionId, expiresAt);
  return `${baseUrl}/decisions/${decisionId}?exp=${exp}&sig=${sig}`;
}

const ID_SHAPE = /^[A-Za-z0-9_-]{32}$/;

/** The canonical base64url text of what `text` decodes to equals `text`: no unused bits set (a 22-character
 *  signature's last character carries four), no other spelling of the same bytes. */
function isCanonicalBase64url(text: string, bytes: number): boolean {
  const decoded = Buffer.from(text, 'base64url');
  return decoded.length === bytes && decoded.toString('base64url') === text;
}

/** True when the id, expiry and signature are exactly the text the server issued: the canonical spelling of
 *  each (no leading zeros in `exp`, no other base64url spelling of the id or signature), the signature
 *  compared as that text in constant time. */
export function verifyLink(secret: string, decisionId: string, exp: string | undefined, sig: string | undefined): boolean {
  if (!ID_SHAPE.test(decisionId) || !isCanonicalBase64url(decisionId, 24)) return false;
  if (!exp || !/^(?:0|[1-9]\d{0,11})$/.test(exp)) return false;
  if (!sig || !/^[A-Za-z0-9_-]{22}$/.test(sig)) return false;
  const expected = Buffer.from(signature(secret, decisionId, Number(exp)).toString('base64url'));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
