// The one middleware chain every HTTP function uses, in one order: logger, metrics,
// problem+json errors, request parsing and zod validation, then idempotency where a route asks for it.
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type * as z from 'zod';
import '#domain/zod-messages';
import { ConflictError, DecisionLinkError, IdempotencyKeyReusedError, InputError, NotFoundError, UnavailableError, type FieldError } from '#domain/errors';
import { messagePage } from '#views/html';
import { endPage, endStory } from '#views/end-pages';
import { logger, metrics } from './powertools.ts';
import { isUnavailable } from './faults.ts';
import { HttpError, problem, UNAUTHORIZED, unavailable, unsupportedMediaType } from './problem.ts';
import { fieldError, joined, message, type Message } from '#domain/messages';
import { parseUntrustedJson } from './safe-json.ts';

export interface Route {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  summary: string;
  /** false only for the public endpoints (tracking, health, the OpenAPI document). */
  auth: boolean;
  successStatus: number;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Headers the route reads, validated as a loose object (other headers pass). */
  headers?: z.ZodType;
  response?: z.ZodType;
  maxBodyBytes?: number;
  /** How the body arrives: JSON (the API) or an HTML form (decision pages). */
  bodyType?: 'json' | 'form';
  /** A page for people: errors are HTML pages too, not problem+json. */
  html?: boolean;
  /** Answers a document (text/html) to an API caller: errors stay problem+json. */
  document?: boolean;
  /** Besides JSON, answers a text/html page when the request's Accept asks for one (errors stay problem+json). */
  htmlAlternative?: boolean;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
export interface Input<R extends Route> {
  body: Infer<R['body']>;
  query: Infer<R['query']>;
  params: Infer<R['params']>;
  /** The caller's region, from the authorizer; empty on public routes. */
  regionId: string;
  headers: Record<string, string>;
}
type ParsedEvent<R extends Route> = APIGatewayProxyEvent & { netra: Input<R> };

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function zodErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

function validate<T extends z.ZodType | undefined>(schema: T, value: unknown, prefix: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw new InputError(zodErrors(result.error, prefix));
  return result.data as Infer<T>;
}

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers'] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

/** Parses and validates the request against its route; rejects what it cannot read before any work. */
function parseRequest<R extends Route>(route: R): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: async (request) => {
      const event = request.event;
      const headers = lowerCaseHeaders(event.headers);
      event.headers = headers;
      const regionId = String(event.requestContext?.authorizer?.regionId ?? '');
      if (route.auth && !regionId) throw new HttpError(401, 'Unauthorized', UNAUTHORIZED);

      let body: unknown;
      if (route.body) {
        const form = route.bodyType === 'form';
        const expected = form ? 'application/x-www-form-urlencoded' : 'application/json';
        const contentType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (contentType !== expected) {
          throw new HttpError(415, 'Unsupported Media Type', unsupportedMediaType(expected), {
            errors: [fieldError('header.content-type', message(`harus ${expected}, diterima ${contentType || 'kosong'}`, `expected ${expected}, got ${contentType || 'nothing'}`))],
          });
        }
        const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
        const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
        if (Buffer.byteLength(raw, 'utf8') > limit) {
          throw new HttpError(413, 'Payload Too Large', message(`Isi permintaan paling besar ${limit} byte`, `The body may be at most ${limit} bytes`));
        }
        if (form) {
          // The first value of each field; no field may touch an object's prototype.
          const fields: Record<string, string> = {};
          for (const [name, value] of new URLSearchParams(raw)) {
            if (name !== '__proto__' && !Object.hasOwn(fields, name)) fields[name] = value;
          }
          body = fields;
        } else {
          if (raw.trim() === '') throw new InputError([fieldError('', message('isi JSON wajib dikirim', 'a JSON body is required'))]);
          body = parseUntrustedJson(raw);
        }
      }
      const input: Input<R> = {
        body: validate(route.body, body, '') as Infer<R['body']>,
        query: validate(route.query, event.queryStringParameters ?? {}, 'query') as Infer<R['query']>,
        params: validate(route.params, event.pathParameters ?? {}, 'path') as Infer<R['params']>,
        regionId,
        headers: { ...headers, ...(validate(route.headers, headers, 'header') as Record<string, string> | undefined) },
      };
      (event as ParsedEvent<R>).netra = input;
    },
  };
}

const LINK_TITLES = { 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 410: 'Gone' } as const;

const PAGE_TITLES: Record<number, Message> = {
  400: message('Isian tidak valid', 'Invalid input'),
  404: message('Tidak ditemukan', 'Not found'),
  413: message('Isian terlalu besar', 'Too large'),
  415: message('Format tidak didukung', 'Unsupported format'),
  503: message('Layanan sedang tidak tersedia', 'Service unavailable'),
};

/** The same errors as problem+json, shown as a page to people; a link that cannot be used gets its end page. */
function toHtmlProblem(error: unknown): APIGatewayProxyResult {
  if (error instanceof DecisionLinkError) return endPage(error.status, error.end);
  const json = toProblem(error);
  const { detail } = JSON.parse(json.body) as { detail: string };
  const title = PAGE_TITLES[json.statusCode] ?? message('Terjadi kesalahan', 'Something went wrong');
  // Details are built `Indonesian / English` (domain/messages.ts joined); the page shows them on two lines.
  const cut = detail.indexOf(' / ');
  const text = cut >= 0 ? message(detail.slice(0, cut), detail.slice(cut + 3)) : message(detail, detail);
  const next = json.statusCode === 503 ? message('Coba buka lagi tautan ini beberapa saat lagi', 'Open this link again in a little while') : undefined;
  const page = messagePage(json.statusCode, title, text, next);
  const retryAfter = json.headers?.['retry-after'];
  return retryAfter ? { ...page, headers: { ...page.headers, 'retry-after': String(retryAfter) } } : page;
}

export function toProblem(error: unknown): APIGatewayProxyResult {
  if (error instanceof HttpError) return problem(error.status, error.title, error.message, error.errors, error.headers);
  if (error instanceof InputError) {
    return problem(400, 'Invalid input', joined(message('Periksa isian berikut', 'Check these fields')), error.errors);
  }
  if (error instanceof NotFoundError) return problem(404, 'Not Found', error.message);
  if (error instanceof DecisionLinkError) return problem(error.status, LINK_TITLES[error.status], joined(endStory(error.end).text));
  if (error instanceof UnavailableError) {
    logger.warn('backing service unavailable', { error });
    return unavailable(`${error.message}; retry shortly.`);
  }
  if (error instanceof ConflictError) return problem(409, 'Conflict', error.message);
  // Matched by name so that only the functions that use Powertools idempotency bundle it.
  const name = (error as Error | undefined)?.name;
  if (name === 'IdempotencyAlreadyInProgressError') {
    return problem(409, 'Conflict', 'A request with this Idempotency-Key is still being processed; retry shortly.', undefined, { 'retry-after': '1' });
  }
  if (error instanceof IdempotencyKeyReusedError || name === 'IdempotencyValidationError') {
    return problem(422, 'Idempotency-Key reused', 'This Idempotency-Key was used with a different body.', [
      { path: 'header.idempotency-key', message: 'already used for another request body' },
    ]);
  }
  // Down, slow past the client's timeouts, throttling, or contended past the retry budget (lib/faults.ts).
  if (isUnavailable(error)) {
    logger.warn('backing service unavailable', { error: error as Error });
    return unavailable('netra cannot reach its database right now; retry shortly.');
  }
  logger.error('unhandled error', { error: error as Error });
  return problem(500, 'Internal Server Error', 'An unexpected error occurred; it has been logged.');
}

function problemJson(route: Route): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      request.response = route.html ? toHtmlProblem(request.error) : toProblem(request.error);
      const status = request.response.statusCode;
      metrics.addMetric(status >= 500 ? 'ServerErrors' : 'ClientErrors', MetricUnit.Count, 1);
    },
  };
}

export interface HandlerOptions {
  /** Middlewares that run after the request is parsed (Powertools idempotency for Idempotency-Key). */
  middlewares?: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[];
}

export type HttpFunction = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export function httpHandler<R extends Route>(
  route: R,
  fn: (input: Input<R>, event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>,
  options: HandlerOptions = {},
): HttpFunction {
  let chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(problemJson(route))
    .use(parseRequest(route));
  for (const middleware of options.middlewares ?? []) chain = chain.use(middleware);
  const handler = chain.handler(async (event, context) => {
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    return fn((event as ParsedEvent<R>).netra, event, context);
  });
  return handler as unknown as HttpFunction;
}
