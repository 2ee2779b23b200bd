// The time a signature writer may act, and the one 503 it answers when its lease is busy, gone or out of time.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UnavailableError } from '#domain/errors';
import { UnprocessedItems } from './batch-io.ts';

/** The HTTP layer answers this as 503 with Retry-After; the import command waits and sends the batch again. */
export function writerBusy(cause?: unknown): Error {
  return new UnavailableError('Another upload for this election is being written', { cause });
}

/** An aborted call (the writer's deadline came), a gone lease or items left unprocessed answer 503 like a busy writer. */
export function asBusy(error: unknown): never {
  if (error instanceof UnprocessedItems) throw writerBusy();
  const name = (error as Error | undefined)?.name;
  if (name === 'AbortError' || name === 'TimeoutError' || error instanceof ConditionalCheckFailedException) throw writerBusy(error);
  throw error;
}

/** The time a writer may act: calls start only before `at`, and each is aborted when it comes. */
export class WriterDeadline {
  private at: number;
  constructor(at: number) {
    this.at = at;
  }
  /** Once the lease is taken at `takenAt`: the writer has `windowMs` from then, and never more than half its lease. */
  leaseTaken(takenAt: number, windowMs: number, leaseMs: number) {
    this.at = takenAt + Math.min(windowMs, leaseMs / 2);
  }
  get passed() {
    return Date.now() >= this.at;
  }
  /** The options of one call: throws (503) once the deadline has passed, or aborts the call when it does. */
  call(): { abortSignal: AbortSignal } {
    const left = this.at - Date.now();
    if (left <= 0) throw writerBusy();
    return { abortSignal: AbortSignal.timeout(left) };
  }
}
