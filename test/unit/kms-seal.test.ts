// The AWS side of sealing with KMS mocked (aws-sdk-client-mock): the encryption context KMS is given, a wrapped key
// that KMS refuses under another report's context (SealBrokenError, 409), and KMS faults that are a 503.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DecryptCommand, GenerateDataKeyCommand, InvalidCiphertextException, KMSClient, KMSInternalException, NotFoundException,
} from '@aws-sdk/client-kms';
import { envelopeSeal } from '../../functions/adapters/seal/envelope.ts';
import { kmsDataKeys } from '../../functions/adapters/seal/kms-keys.ts';
import { SealBrokenError, UnavailableError } from '../../functions/domain/errors.ts';
import { problemOf } from '../../functions/lib/problem-of.ts';

const KEY = 'arn:aws:kms:ap-southeast-3:123456789012:key/11111111-2222-3333-4444-555555555555';
const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

/** KMS as a mock that wraps by remembering the context: Decrypt opens only under the context it was made with. */
function kmsThatChecksContext() {
  const made = new Map<string, { plaintext: Uint8Array; context: string }>();
  kms.on(GenerateDataKeyCommand).callsFake((input) => {
    const plaintext = randomBytes(32);
    const blob = randomBytes(16);
    made.set(blob.toString('hex'), { plaintext: Uint8Array.from(plaintext), context: JSON.stringify(input.EncryptionContext) });
    return { Plaintext: plaintext, CiphertextBlob: blob, KeyId: KEY };
  });
  kms.on(DecryptCommand).callsFake((input) => {
    const found = made.get(Buffer.from(input.CiphertextBlob).toString('hex'));
    if (!found || found.context !== JSON.stringify(input.EncryptionContext)) throw new InvalidCiphertextException({ message: 'context', $metadata: {} });
    return { Plaintext: Uint8Array.from(found.plaintext), KeyId: KEY };
  });
}

const seal = () => envelopeSeal(kmsDataKeys(KEY, { region: 'ap-southeast-3' }));
const A = { regionId: '34.02', reportId: '01HZZZZZZZZZZZZZZZZZZZZZZA' };
const B = { regionId: '34.02', reportId: '01HZZZZZZZZZZZZZZZZZZZZZZB' };

describe('sealing with KMS data keys', () => {
  it('asks KMS for an AES-256 data key under netra\'s context (purpose, region, report) and opens with the same', async () => {
    kmsThatChecksContext();
    const sealed = await seal().seal(A, { name: 'Siti', contact: '0812' });
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({
      KeyId: KEY, KeySpec: 'AES_256', EncryptionContext: { purpose: 'netra-reporter', regionId: '34.02', reportId: A.reportId },
    });
    expect(sealed.keyId).toBe(KEY);
    expect(JSON.stringify(sealed)).not.toContain('Siti');
    expect(await seal().unseal(A, sealed)).toEqual({ name: 'Siti', contact: '0812' });
  });

  it('a sealed value copied onto another report does not open there: KMS refuses the context (409)', async () => {
    kmsThatChecksContext();
    const sealed = await seal().seal(A, { name: 'Siti' });
    const error = await seal().unseal(B, sealed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealBrokenError);
    expect(problemOf(error).status).toBe(409);
  });

  it('an altered ciphertext does not open even when KMS gives the data key', async () => {
    kmsThatChecksContext();
    const sealed = await seal().seal(A, { name: 'Siti' });
    const data = Buffer.from(sealed.data, 'base64url');
    data[0] = data[0]! ^ 1;
    await expect(seal().unseal(A, { ...sealed, data: data.toString('base64url') })).rejects.toBeInstanceOf(SealBrokenError);
  });

  it.each([
    ['KMS failing inside', new KMSInternalException({ message: 'boom', $metadata: {} })],
    ['no answer (network)', Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' })],
  ])('%s is a 503 at sealing and at unsealing', async (_what, error) => {
    kms.on(GenerateDataKeyCommand).rejects(error);
    const failed = await seal().seal(A, { name: 'Siti' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UnavailableError);
    expect(problemOf(failed).status).toBe(503);
    kms.reset();
    kms.on(DecryptCommand).rejects(error);
    const sealed = { v: 1 as const, keyId: KEY, key: 'AAAA', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA', data: 'AA' };
    await expect(seal().unseal(A, sealed)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('a misconfiguration (the key does not exist) is not a 503 to retry: it stays an error', async () => {
    kms.on(GenerateDataKeyCommand).rejects(new NotFoundException({ message: 'no such key', $metadata: { httpStatusCode: 400 } }));
    const failed = await seal().seal(A, { name: 'Siti' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(NotFoundException);
  });
});
