// What an error from a backing service means: transient (the service is down, slow or throttling: 503 and
// retry later), or contention (nothing was applied: retry now, with jitter). Classified by the SDK's own
// rules (@smithy/service-error-classification), not by sniffing names here.
import { isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import { UnavailableError } from '#domain/errors';

type SdkError = Parameters<typeof isTransientError>[0];

// A transaction cancelled for these reasons applied nothing and may pass a moment later.
const CONTENTION_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
// ...unless one of its conditions failed: that is an answer, not contention.
const ANSWER_REASONS = new Set(['ConditionalCheckFailed', 'ValidationError', 'ItemCollectionSizeLimitExceeded']);

function errorChain(error: unknown): any[] {
  const chain: any[] = [];
  for (let e: any = error; e && typeof e === 'object' && chain.length < 5; e = e.cause) chain.push(e);
  return chain;
}

/** Nothing was applied and the same request may succeed a moment later: a throttle, or a transaction that met
 *  another on an item (TransactionConflict). Safe to retry whatever the request does. */
export function isContention(error: unknown): boolean {
  return errorChain(error).some((e) => {
    if (e.name === 'TransactionCanceledException') {
      const codes: string[] = (e.CancellationReasons ?? []).map((r: { Code?: string }) => r.Code ?? 'None');
      return codes.some((code) => CONTENTION_REASONS.has(code)) && !codes.some((code) => ANSWER_REASONS.has(code));
    }
    return e.name === 'TransactionConflictException' || isThrottlingError(e as SdkError);
  });
}

/** A backing service could not be reached or answer in time, or is throttling: the caller gets 503 and retries. */
export function isUnavailable(error: unknown): boolean {
  if (isContention(error)) return true;
  return errorChain(error).some((e) => e instanceof UnavailableError || isTransientError(e as SdkError));
}
