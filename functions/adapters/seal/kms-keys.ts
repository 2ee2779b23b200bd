// AWS's data keys: KMS GenerateDataKey and Decrypt on the stack's reporter key, with the region and the report as
// encryption context (so KMS itself refuses a wrapped key copied onto another report, and CloudTrail names both).
import {
  DecryptCommand, GenerateDataKeyCommand, InvalidCiphertextException, KMSClient, type KMSClientConfig,
} from '@aws-sdk/client-kms';
import { SealBrokenError, UnavailableError } from '#domain/errors';
import { KMS_CLIENT } from '#support/time-budget';
import { encryptionContext, type DataKeys } from './envelope.ts';

/** KMS answers that mean "not now" rather than "never": the caller gets 503 and tries again. */
const UNAVAILABLE = new Set(['KMSInternalException', 'DependencyTimeoutException', 'KeyUnavailableException', 'KMSInvalidStateException', 'DisabledException', 'ThrottlingException', 'LimitExceededException']);

function unavailable(error: unknown): never {
  if (error instanceof InvalidCiphertextException) throw new SealBrokenError({ cause: error });
  const name = (error as Error | undefined)?.name ?? '';
  if (UNAVAILABLE.has(name) || (error as { $metadata?: unknown })?.$metadata === undefined) {
    // A KMS fault, or no answer at all (network, timeout): nothing was sealed or opened.
    throw new UnavailableError('the reporter key (KMS) cannot be reached', { cause: error });
  }
  throw error;
}

async function call<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    return unavailable(error);
  }
}

export function kmsDataKeys(keyArn: string, clientConfig: KMSClientConfig = {}): DataKeys {
  let client: KMSClient | undefined;
  const kms = () => (client ??= new KMSClient({
    maxAttempts: KMS_CLIENT.maxAttempts,
    requestHandler: { connectionTimeout: KMS_CLIENT.connectionTimeoutMs, requestTimeout: KMS_CLIENT.requestTimeoutMs, throwOnRequestTimeout: true },
    ...clientConfig,
  }));
  return {
    async generate(context) {
      const answer = await call(() => kms().send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: encryptionContext(context) })));
      if (!answer.Plaintext || !answer.CiphertextBlob || !answer.KeyId) throw new UnavailableError('KMS answered no data key');
      return { plaintext: answer.Plaintext, wrapped: Buffer.from(answer.CiphertextBlob).toString('base64url'), keyId: answer.KeyId };
    },
    async unwrap(context, wrapped, keyId) {
      const answer = await call(() =>
        kms().send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: Buffer.from(wrapped, 'base64url'), EncryptionContext: encryptionContext(context) })));
      if (!answer.Plaintext) throw new UnavailableError('KMS answered no data key');
      return answer.Plaintext;
    },
  };
}
