// The HMAC key of decision links: a Secrets Manager secret in AWS, a file under NETRA_DATA_DIR locally.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** AWS: read once per runtime (Powertools caches it; links must keep verifying, so no short expiry). */
export function secretsManagerLinkSecret(secretArn: string): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= import('@aws-lambda-powertools/parameters/secrets')
      .then(({ getSecret }) => getSecret(secretArn, { maxAge: 3600 }))
      .then((value) => {
        if (typeof value !== 'string' || value.length < 32) throw new Error('the decision link secret must be a string of at least 32 characters');
        return value;
      })
      .catch((error) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
}

/** Local: generated once and kept, so links in the outbox still work after a restart. */
export function fileLinkSecret(dataDir: string): () => Promise<string> {
  const file = join(dataDir, 'link-secret');
  let cached: string | undefined;
  return async () => {
    if (cached) return cached;
    try {
      cached = readFileSync(file, 'utf8').trim();
    } catch {
      mkdirSync(dirname(file), { recursive: true });
      const fresh = randomBytes(32).toString('base64url');
      try {
        writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
        cached = fresh;
      } catch {
        cached = readFileSync(file, 'utf8').trim(); // another process made it first
      }
    }
    return cached;
  };
}
