// The write that records an e-mail or a webhook as sent, retried through an outage until shortly before the
// function's own timeout: a mark that does not land makes the step's retry send the same thing again.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MarkSent } from '#ports';
import { isUnavailable } from '#support/faults';
import { retry } from '#support/retry';
import { markReserveMs, MARK_RETRY, type DynamoClientTimeouts } from '#support/time-budget';

/** When the running invocation is stopped (epoch ms): set by the step chain (lib/step.ts) from Lambda's context. */
const invocation = new AsyncLocalStorage<{ deadline: number }>();

/** Runs `fn` as an invocation that Lambda (or the local runner) stops at `deadline`. */
export function withDeadline<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
  return invocation.run({ deadline }, fn);
}

export interface MarkSentOptions {
  timeouts: DynamoClientTimeouts;
  /** Told before each wait, so an operator can see a mark riding out an outage. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** For tests: the clock, the sleep and the dice. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The MarkSent port. Inside an invocation with a deadline, a transient failure (unreachable, timed out,
 *  throttled, contended) is retried with backoff until markReserveMs before the deadline; any other error, or
 *  the last transient one, is thrown as it was, so the step fails and its retry sends again. Outside one (a route,
 *  the reconciler) the write is made once, as any other. */
export function markSentRetrier(options: MarkSentOptions): MarkSent {
  const now = options.now ?? Date.now;
  return async (write) => {
    const deadline = invocation.getStore()?.deadline;
    if (deadline === undefined) return write();
    return retry(() => write(), {
      ...MARK_RETRY,
      budgetMs: deadline - now() - markReserveMs(options.timeouts),
      retryable: (error) => isUnavailable(error),
      now,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
  };
}
