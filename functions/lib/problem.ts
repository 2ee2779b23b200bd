// application/problem+json responses (RFC 9457) and the HTTP errors that become them.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { FieldError } from '#domain/errors';
import { bilingual, joined, message, type Message } from '#domain/messages';
import { RETRY_AFTER_SECONDS } from '#support/time-budget';

export const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** The 401 detail, the same from the handlers, the local server and API Gateway's own answer. */
export const UNAUTHORIZED = message('Kirim kunci API wilayah Anda yang sah di header x-api-key', 'A valid x-api-key header is required');

/** The 415 detail for a body sent as something else. */
export function unsupportedMediaType(expected: string): Message {
  return message(`Kirim isi permintaan sebagai ${expected}`, `Send the body as ${expected}`);
}

/** A problem before it is written: as problem+json (problemResponse) or as a page for people (problem-page.ts). */
export interface Problem {
  status: number;
  title: string;
  /** Indonesian and English; problem+json carries them joined (`Indonesian / English`), a page on two lines. */
  detail: Message;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** A detail that exists only as one string (an English one, or one already joined): the same in both places. */
export function asMessage(detail: string | Message): Message {
  return typeof detail === 'string' ? message(detail, detail) : detail;
}

export class HttpError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: Message;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, title: string, detail: string | Message, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(typeof detail === 'string' ? detail : joined(detail));
    this.name = 'HttpError';
    this.status = status;
    this.title = title;
    this.detail = asMessage(detail);
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

const TYPES: Record<number, string> = {
  400: 'invalid-input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'request-timeout',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  431: 'request-header-fields-too-large',
  500: 'internal',
  501: 'not-implemented',
  503: 'unavailable',
};

export function problem(
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({
      type: `https://netra.id/problems/${TYPES[status] ?? 'error'}`,
      title,
      status,
      detail,
      ...(errors?.length ? { errors } : {}),
    }),
  };
}

/** The problem as application/problem+json. */
export function problemResponse({ status, title, detail, errors, headers }: Problem): APIGatewayProxyResult {
  return problem(status, title, joined(detail), errors, headers);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** 503 with Retry-After: a backing service is unreachable, slow or throttling; the caller retries later. */
export function unavailable(detail: string): APIGatewayProxyResult {
  return problemResponse(unavailableProblem(detail));
}
export function unavailableProblem(detail: string | Message): Problem {
  return { status: 503, title: 'Service Unavailable', detail: asMessage(detail), headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } };
}

/** The answer when the key could not be checked (the authorizer failed or timed out): API Gateway's
 *  AUTHORIZER_FAILURE gateway response in AWS (infra/constructs/netra-api.ts), the local server's own answer. */
export const AUTHORIZER_UNAVAILABLE = {
  status: 503,
  slug: 'unavailable',
  title: 'Service Unavailable',
  detail: bilingual('Kunci API tidak dapat diperiksa saat ini; coba lagi sebentar lagi', 'The API key could not be checked right now; retry shortly'),
  retryAfterSeconds: RETRY_AFTER_SECONDS,
} as const;
