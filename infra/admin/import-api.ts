// The import command's two calls to the API, through the typed client (#client): the directory's OPDs and one
// batch of signatories, each retried by the one retry helper (support/retry.ts) on throttling, an outage or a
// gateway timeout, waiting what Retry-After asks; whatever else the API answers becomes one ImportError line.
import { createNetraClient, retryAfterMs as readRetryAfter, type Schemas } from '#client';
import { retry } from '../../functions/support/retry.ts';
import { ImportError, ImportInterrupted } from './import-errors.ts';
import type { SignatoryRowOut } from './signatory-csv.ts';

export interface ImportApiOptions {
  url: string;
  key: string;
  /** Tries of one call, the first included. */
  maxAttempts: number;
  /** Aborted on a second Ctrl-C: a batch in flight is abandoned. */
  abandon?: AbortSignal | undefined;
}

export type BatchAnswer = Schemas['AddSignatoriesResult'];

/** Longest wait honoured, whatever Retry-After says. */
const MAX_WAIT_MS = 30_000;
const DIRECTORY_TIMEOUT_MS = 30_000;
const BATCH_TIMEOUT_MS = 120_000;
/** No retry of one call starts later than this after its first try. */
const RETRY_BUDGET_MS = 10 * 60_000;
/** Throttled, down, or a gateway that gave up waiting: a batch sent again is safe (a stored row is a duplicate). */
const RETRYABLE = new Set([429, 502, 503, 504]);

/** Retry-After in milliseconds (seconds or an HTTP date), capped at 30 s; 0 when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  return Math.min(readRetryAfter(value, now) ?? 0, MAX_WAIT_MS);
}

/** The request could not be made or was not answered (refused, unresolvable, timed out, abandoned). */
class Unreachable extends Error {}
/** The API answered, with something other than success. */
class Refused extends Error {
  readonly status: number;
  readonly problem: { title?: string; detail?: string };
  /** The wait its Retry-After asked for; 0 for none. */
  readonly waitMs: number;
  constructor(status: number, problem: { title?: string; detail?: string }, waitMs: number) {
    super(`answered ${status}`);
    this.status = status;
    this.problem = problem;
    this.waitMs = waitMs;
  }
}

/** Why a request could not be made: the code of a refused or unresolvable connection, or the message. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

export function importApi(options: ImportApiOptions) {
  const { url, maxAttempts, abandon } = options;
  const client = createNetraClient({
    baseUrl: url,
    apiKey: options.key,
    // The retries are the command's own (below): it retries more statuses, notes each, and fails fast when
    // nothing listens.
    retry: false,
    fetch: async (input, init) => {
      try {
        return await fetch(input, init);
      } catch (error) {
        throw new Unreachable(networkReason(error), { cause: error });
      }
    },
  });

  /** The answer's data, or Refused with its problem and the wait it asked for. */
  function answered<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
    if (response.ok) return data as T;
    const problem = typeof error === 'object' && error !== null ? (error as { title?: string; detail?: string }) : {};
    throw new Refused(response.status, problem, retryAfterMs(response.headers.get('retry-after')));
  }
  const policy = { attempts: maxAttempts, baseDelayMs: 1_000, maxDelayMs: MAX_WAIT_MS, budgetMs: RETRY_BUDGET_MS } as const;
  // A wait Retry-After asked for, or backoff with jitter when it asked for none.
  const waitOf = (error: Refused) => error.waitMs || true;

  return {
    /** The directory's OPDs by name, squeezed (case, spaces, dots, dashes and underscores ignored), to their ids. */
    async directoryOpds(): Promise<Map<string, string>> {
      // An outage (503) or a region over its rate (429) is waited out; no answer at all fails at once.
      const directory = await retry(
        async () => answered(await client.api.GET('/v1/directory', { signal: AbortSignal.timeout(DIRECTORY_TIMEOUT_MS) })),
        { ...policy, retryable: (error) => error instanceof Refused && RETRYABLE.has(error.status) && waitOf(error) },
      ).catch((error) => {
        if (error instanceof Unreachable) {
          throw new ImportError(`Tidak dapat menghubungi netra di ${url} (${error.message}) / cannot reach netra at ${url}: start the local stack with \`npm start\`, or give the API's address with --url.`);
        }
        if (error instanceof Refused && error.status === 401) throw new ImportError('Kunci API ditolak / the API key was refused (401).');
        if (error instanceof Refused) throw new ImportError(`GET /v1/directory answered ${error.status}.`);
        throw error;
      });
      const byName = new Map<string, string>();
      for (const opd of directory.opds) byName.set(opd.name.toLowerCase().replace(/[\s._-]+/g, ''), opd.opdId);
      return byName;
    },

    /** Sends one batch (lines `first`-`last` of the file) and gives the API's answer; `onRetry` is told before it
     *  is sent again, with why (a status, or a network error). */
    async postBatch(
      ceremonyId: string, rows: SignatoryRowOut[], first: number, last: number, onRetry?: (attempt: number, reason: string) => void,
    ): Promise<BatchAnswer> {
      let tries = 0;
      return retry(
        async () => {
          tries++;
          const signal = abandon ? AbortSignal.any([AbortSignal.timeout(BATCH_TIMEOUT_MS), abandon]) : AbortSignal.timeout(BATCH_TIMEOUT_MS);
          // Rows go as the CSV gave them: the API judges each one, and a bad one comes back by its index.
          const signatories = rows as Schemas['AddSignatoriesInput']['signatories'];
          return answered(await client.api.POST('/v1/ceremonies/{id}/signatories', { params: { path: { id: ceremonyId } }, body: { signatories }, signal }));
        },
        {
          ...policy,
          retryable: (error) => {
            if (error instanceof Unreachable) return !abandon?.aborted;
            return error instanceof Refused && RETRYABLE.has(error.status) && waitOf(error);
          },
          onRetry: (error, attempt) => onRetry?.(attempt, error instanceof Refused ? String(error.status) : 'network error'),
        },
      ).catch((error) => {
        if (error instanceof Unreachable) {
          if (abandon?.aborted) throw new ImportInterrupted(0);
          throw new ImportError(`Tidak dapat menghubungi netra di ${url} setelah ${tries} percobaan (${error.message}) / cannot reach netra at ${url} after ${tries} attempts: check that it runs, then rerun the same command to resume.`);
        }
        if (error instanceof Refused && RETRYABLE.has(error.status)) throw new ImportError(`Lines ${first}-${last}: still ${error.status} after ${tries} attempts.`);
        if (error instanceof Refused) {
          const hint = error.status === 404 ? ` Is ${ceremonyId} a ceremony of this key's region?` : '';
          throw new ImportError(`Lines ${first}-${last}: the API answered ${error.status} ${error.problem.title ?? ''}. ${error.problem.detail ?? ''}${hint}`.trim());
        }
        throw error;
      });
    },
  };
}
