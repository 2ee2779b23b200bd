// A fetch that retries what netra says is worth retrying (429 and 503, honouring Retry-After) and network errors,
// a bounded number of times within a time budget. A keyed create retried this way is safe: same Idempotency-Key.

export interface RetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts?: number;
  /** The longest single wait, whatever Retry-After says (default 30 s). */
  maxDelayMs?: number;
  /** Gives up once this much time has passed since the first try (default 120 s). */
  budgetMs?: number;
  /** Waits; replaced in tests. */
  sleep?: (ms: number) => Promise<void>;
}

const RETRIED_STATUSES = new Set([429, 503]);

/** Retry-After in milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function retryingFetch(inner: typeof fetch = fetch, options: RetryOptions = {}): typeof fetch {
  const attempts = options.attempts ?? 4;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const budgetMs = options.budgetMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (input, init) => {
    const started = Date.now();
    // A Request's body can be read once: keep the original and send a clone each time.
    const request = new Request(input, init);
    for (let attempt = 1; ; attempt++) {
      const backoff = Math.min(maxDelayMs, 500 * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      let wait: number;
      try {
        const response = await inner(request.clone());
        if (!RETRIED_STATUSES.has(response.status) || attempt >= attempts) return response;
        wait = Math.min(maxDelayMs, retryAfterMs(response.headers.get('retry-after')) ?? backoff);
        if (Date.now() - started + wait > budgetMs) return response;
        await response.body?.cancel();
      } catch (error) {
        if (attempt >= attempts || request.signal.aborted) throw error;
        wait = backoff;
        if (Date.now() - started + wait > budgetMs) throw error;
      }
      await sleep(wait);
    }
  };
}
