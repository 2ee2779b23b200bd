// Identifiers: time-ordered report ids, public receipt codes, and API keys.
import { createHash, randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A ULID: 48 bits of milliseconds then 80 random bits, so ids sort by creation time. */
export function ulid(now: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return time + base32(random, 16);
}

/** A report id a retry with the same Idempotency-Key derives again, so it cannot make a second report. */
export function reportIdFor(regionId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${regionId}\n${idempotencyKey}`).digest();
  return `K${base32(digest, 25)}`;
}

/** A national action's id: the same body, report, kind and letter number is the same action (a retry), 13
 *  characters so that its notice execution's name stays within Step Functions' 80. */
export function actionIdFor(body: string, reportId: string, kind: string, letterNumber: string): string {
  return base32(createHash('sha256').update(`${body}\n${reportId}\n${kind}\n${letterNumber}`).digest(), 13);
}

/** What identifies a request's content, kept with what it created so a reused Idempotency-Key can be told from a retry. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

/** A receipt code for public tracking: 60 random bits, grouped for reading aloud. */
export function receiptCode(random: Uint8Array = randomBytes(8)): string {
  const body = base32(random, 12);
  return `NTR-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
}

export const RECEIPT_CODE_PATTERN = /^NTR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A region API key: 32 random bytes behind a prefix that says what it is and which key it is. */
export function newApiKey(): { keyId: string; key: string } {
  const keyId = base32(randomBytes(5), 8);
  return { keyId, key: `ntr_${keyId}_${randomBytes(32).toString('base64url')}` };
}

/** Keys have 256 bits of entropy, so one SHA-256 is a safe, fast lookup hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
