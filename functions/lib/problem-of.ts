// What an error means to the caller: each domain, HTTP and backing-service error mapped to its problem (status,
// title, detail, headers); anything unknown is logged and becomes a plain 500 with no internals.
import { ConflictError, DecisionLinkError, IdempotencyKeyReusedError, InputError, NotFoundError, RuleError, UnavailableError } from '#domain/errors';
import { fieldError, message } from '#domain/messages';
import { endStory } from '#views/end-stories';
import { isUnavailable } from '#support/faults';
import { logger } from './powertools.ts';
import { asMessage, HttpError, problemResponse, unavailableProblem, type Problem } from './problem.ts';
import type { APIGatewayProxyResult } from 'aws-lambda';

const LINK_TITLES = { 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 410: 'Gone' } as const;

export function problemOf(error: unknown): Problem {
  if (error instanceof HttpError) return { status: error.status, title: error.title, detail: error.detail, errors: error.errors, headers: error.headers };
  if (error instanceof RuleError) return { status: 422, title: 'Unprocessable', detail: message('Aturan tidak mengizinkan permintaan ini', 'A rule refuses this request'), errors: error.errors };
  if (error instanceof InputError) return { status: 400, title: 'Invalid input', detail: message('Periksa isian berikut', 'Check these fields'), errors: error.errors };
  if (error instanceof NotFoundError) return { status: 404, title: 'Not Found', detail: asMessage(error.message) };
  if (error instanceof DecisionLinkError) return { status: error.status, title: LINK_TITLES[error.status], detail: endStory(error.end).text };
  if (error instanceof UnavailableError) {
    logger.warn('backing service unavailable', { error });
    return unavailableProblem(`${error.message}; retry shortly.`);
  }
  if (error instanceof ConflictError) return { status: 409, title: 'Conflict', detail: asMessage(error.message) };
  // Matched by name so that only the functions that use Powertools idempotency bundle it.
  const name = (error as Error | undefined)?.name;
  if (name === 'IdempotencyAlreadyInProgressError') {
    return {
      status: 409, title: 'Conflict',
      detail: message('Permintaan dengan Idempotency-Key ini masih diproses; coba lagi sebentar lagi', 'A request with this Idempotency-Key is still being processed; retry shortly'),
      headers: { 'retry-after': '1' },
    };
  }
  if (error instanceof IdempotencyKeyReusedError || name === 'IdempotencyValidationError') {
    return {
      status: 422, title: 'Idempotency-Key reused',
      detail: message('Idempotency-Key ini sudah dipakai dengan isi permintaan lain', 'This Idempotency-Key was used with a different body'),
      errors: [fieldError('header.idempotency-key', message('sudah dipakai untuk isi permintaan lain; pakai kunci baru untuk permintaan baru', 'already used for another request body; use a new key for a new request'))],
    };
  }
  // Down, slow past the client's timeouts, throttling, or contended past the retry budget (support/faults.ts).
  if (isUnavailable(error)) {
    logger.warn('backing service unavailable', { error: error as Error });
    return unavailableProblem(message('netra tidak dapat menjangkau basis datanya saat ini; coba lagi sebentar lagi', 'netra cannot reach its database right now; retry shortly'));
  }
  logger.error('unhandled error', { error: error as Error });
  return { status: 500, title: 'Internal Server Error', detail: asMessage('An unexpected error occurred; it has been logged.') };
}

/** The error as application/problem+json. */
export function toProblem(error: unknown): APIGatewayProxyResult {
  return problemResponse(problemOf(error));
}
