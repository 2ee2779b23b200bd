// Envelope encryption of a reporter's identity: a fresh AES-256 data key per sealed value, AES-256-GCM with the
// region and the report as additional data, and the data key wrapped by a master key (KMS in AWS, a key file
// locally: master-keys.ts, kms-keys.ts) under the same context. A value copied onto another report does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { IdentitySeal } from '#ports';
import type { ReporterIdentity, SealContext, SealedValue } from '#domain/personal-data.schema';
import { SealBrokenError } from '#domain/errors';

/** Where data keys come from and go back to: the only part that differs between AWS and the local stack. */
export interface DataKeys {
  /** A fresh 256-bit data key, in plain (used once, then dropped) and wrapped under the master key with the context. */
  generate(context: SealContext): Promise<{ plaintext: Uint8Array; wrapped: string; keyId: string }>;
  /** The plain data key; throws SealBrokenError when the wrapped key does not open under this context. */
  unwrap(context: SealContext, wrapped: string, keyId: string): Promise<Uint8Array>;
}

/** The context as KMS takes it (string pairs), and as the additional data of the cipher. */
export function encryptionContext(context: SealContext): Record<string, string> {
  return { purpose: 'netra-reporter', regionId: context.regionId, reportId: context.reportId };
}

/** Additional authenticated data: the context, in a fixed order, so the same context gives the same bytes. */
export function additionalData(context: SealContext): Buffer {
  return Buffer.from(`netra-reporter\n${context.regionId}\n${context.reportId}`, 'utf8');
}

const IV_BYTES = 12;

/** AES-256-GCM of `plaintext` with `aad`: iv, tag and ciphertext, base64url. */
export function gcmSeal(key: Uint8Array, plaintext: Buffer, aad: Buffer): { iv: string; tag: string; data: string } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), data: data.toString('base64url') };
}

/** The plaintext, or SealBrokenError when the key, the additional data or the bytes are not the sealed ones. */
export function gcmOpen(key: Uint8Array, sealed: { iv: string; tag: string; data: string }, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64url')), decipher.final()]);
  } catch (error) {
    throw new SealBrokenError({ cause: error });
  }
}

export function envelopeSeal(keys: DataKeys): IdentitySeal {
  return {
    async seal(context, identity) {
      const { plaintext, wrapped, keyId } = await keys.generate(context);
      try {
        const body: ReporterIdentity = {
          ...(identity.name !== undefined ? { name: identity.name } : {}),
          ...(identity.contact !== undefined ? { contact: identity.contact } : {}),
        };
        return { v: 1, keyId, key: wrapped, ...gcmSeal(plaintext, Buffer.from(JSON.stringify(body), 'utf8'), additionalData(context)) };
      } finally {
        plaintext.fill(0);
      }
    },
    async unseal(context, sealed: SealedValue) {
      if (sealed?.v !== 1) throw new SealBrokenError();
      const key = await keys.unwrap(context, sealed.key, sealed.keyId);
      try {
        const parsed = JSON.parse(gcmOpen(key, sealed, additionalData(context)).toString('utf8')) as ReporterIdentity;
        return {
          ...(typeof parsed.name === 'string' ? { name: parsed.name } : {}),
          ...(typeof parsed.contact === 'string' ? { contact: parsed.contact } : {}),
        };
      } finally {
        key.fill(0);
      }
    },
  };
}
