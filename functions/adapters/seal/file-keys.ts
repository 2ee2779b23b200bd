// Local mode's data keys: wrapped with AES-256-GCM under a master key kept in a file under NETRA_DATA_DIR (made
// once, mode 0600), the way KMS wraps them in AWS; the key id names the file's key by a hash, never the key.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SealBrokenError } from '#domain/errors';
import { additionalData, gcmOpen, gcmSeal, type DataKeys } from './envelope.ts';

/** The master key's file under the data directory. */
export const MASTER_KEY_FILE = 'reporter-master-key';

function readOrCreate(file: string): Buffer {
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    const fresh = randomBytes(32);
    try {
      writeFileSync(file, `${fresh.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      return fresh;
    } catch {
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'); // another process made it first
    }
  }
}

/** Data keys wrapped under a 256-bit master key (the tests pass one; the local stack reads fileMasterKey). */
export function masterKeyDataKeys(master: () => Buffer): DataKeys {
  let keyId: string | undefined;
  const idOf = (key: Buffer) => (keyId ??= `local:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`);
  return {
    async generate(context) {
      const key = master();
      const plaintext = randomBytes(32);
      const { iv, tag, data } = gcmSeal(key, plaintext, additionalData(context));
      return { plaintext, wrapped: `${iv}.${tag}.${data}`, keyId: idOf(key) };
    },
    async unwrap(context, wrapped, id) {
      const key = master();
      if (id !== idOf(key)) throw new SealBrokenError();
      const [iv, tag, data] = wrapped.split('.');
      if (!iv || !tag || !data) throw new SealBrokenError();
      return gcmOpen(key, { iv, tag, data }, additionalData(context));
    },
  };
}

/** The local master key: generated once under the data directory and kept, so sealed reports open after a restart. */
export function fileMasterKey(dataDir: string): () => Buffer {
  const file = join(dataDir, MASTER_KEY_FILE);
  let cached: Buffer | undefined;
  return () => (cached ??= readOrCreate(file));
}
