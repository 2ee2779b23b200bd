// The one retry loop: bounded attempts, exponential backoff with full jitter, and a time budget after which
// no new attempt starts. The stores and the import command use it for whatever they may safely repeat.

export interface RetryOptions {
  /** At most this many tries, the first included. */
  attempts: number;
  /** The first backoff's ceiling; each later one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No attempt starts later than this after the first (the last attempt may run past it). */
  budgetMs: number;
  /** Whether this failure may be tried again; a number is a wait the answer asked for (Retry-After), in ms. */
  retryable: (error: unknown, attempt: number) => boolean | number;
  /** Told before each wait (progress lines, logs). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** For tests: the clock, the sleep and the dice. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait before attempt `attempt + 1`: uniform in [0, min(max, base·2^(attempt-1))] ("full jitter"). */
export function fullJitter(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
}

/** Runs `work` until it succeeds, fails with an error `retryable` refuses, uses its attempts, or would start
 *  past its budget; then the last error is thrown as it was. */
export async function retry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleeper;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const verdict = attempt < options.attempts ? options.retryable(error, attempt) : false;
      if (verdict === false) throw error;
      const jitter = fullJitter(attempt, options.baseDelayMs, options.maxDelayMs, options.random);
      // A wait the server asked for is honoured (never shortened), with jitter on top so callers spread out.
      const delay = typeof verdict === 'number' ? Math.max(verdict, 0) + Math.floor(jitter / 4) : jitter;
      if (now() + delay - started > options.budgetMs) throw error;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
