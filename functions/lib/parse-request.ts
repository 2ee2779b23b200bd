// The middleware that reads a request against its route (auth, content type, size, JSON or form, zod) before any work.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import '#domain/zod-messages';
import { InputError, type FieldError } from '#domain/errors';
import { dictionary } from '#domain/own';
import { fieldError, message } from '#domain/messages';
import { isNationalBody } from '#domain/national-bodies';
import { HttpError, UNAUTHORIZED, unsupportedMediaType } from './problem.ts';
import type { Infer, Input, ParsedEvent, Route } from './route.ts';
import { parseUntrustedJson } from './safe-json.ts';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const REGION_KEY_ON_NATIONAL = message('Kunci API daerah tidak dapat memanggil rute lembaga nasional', 'A region key may not call the national bodies\' routes (/v1/national/...)');
const NATIONAL_KEY_ON_REGION = message('Kunci API lembaga nasional hanya untuk rute /v1/national/...', 'A national body\'s key calls only /v1/national/...');

function zodErrors(error: z.core.$ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

function validate<T extends z.core.$ZodType | undefined>(schema: T, value: unknown, prefix: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const result = z.safeParse(schema, value);
  if (!result.success) throw new InputError(zodErrors(result.error, prefix));
  return result.data as Infer<T>;
}

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers'] | null): Record<string, string> {
  // Any name a caller sends is kept as its own key (`__proto__` and `constructor` included).
  const out = dictionary<string>();
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

/** A parameter the route's query declares, given more than once (`?limit=1&limit=2`): API Gateway's
 *  queryStringParameters keeps one value and drops the rest, and which the caller meant is theirs to say, not ours
 *  to pick. Every declared parameter is single-valued; names the route does not declare are left to its schema. */
function repeatedParameters(schema: z.core.$ZodType | undefined, multi: APIGatewayProxyEvent['multiValueQueryStringParameters']): FieldError[] {
  const shape = (schema?._zod.def as { shape?: Record<string, unknown> } | undefined)?.shape;
  if (!shape || !multi) return [];
  return Object.keys(shape)
    .filter((name) => Object.hasOwn(multi, name) && (multi[name]?.length ?? 0) > 1)
    .map((name) => fieldError(`query.${name}`, message(`hanya boleh satu nilai, diterima ${multi[name]!.length}`, `one value only, got ${multi[name]!.length}`)));
}

/** Parses and validates the request against its route; rejects what it cannot read before any work. */
export function parseRequest<R extends Route>(route: R): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: async (request) => {
      const event = request.event;
      const headers = lowerCaseHeaders(event.headers);
      event.headers = headers;
      const regionId = String(event.requestContext?.authorizer?.regionId ?? '');
      const calling = event.requestContext?.authorizer?.nationalBody;
      const nationalBody = isNationalBody(calling) ? calling : undefined;
      // A key calls its own kind's routes only: a national body's the /v1/national/... ones, a region's the others.
      if (route.auth && route.national && !nationalBody) throw new HttpError(regionId ? 403 : 401, regionId ? 'Forbidden' : 'Unauthorized', regionId ? REGION_KEY_ON_NATIONAL : UNAUTHORIZED);
      if (route.auth && !route.national && !regionId) throw new HttpError(nationalBody ? 403 : 401, nationalBody ? 'Forbidden' : 'Unauthorized', nationalBody ? NATIONAL_KEY_ON_REGION : UNAUTHORIZED);
      const repeated = repeatedParameters(route.query, event.multiValueQueryStringParameters);
      if (repeated.length) throw new InputError(repeated);

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
          const fields = dictionary<string>();
          for (const [name, value] of new URLSearchParams(raw)) {
            if (!Object.hasOwn(fields, name)) fields[name] = value;
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
        regionId: route.national ? '' : regionId,
        nationalBody: route.national ? nationalBody : undefined,
        keyId: String(event.requestContext?.authorizer?.keyId ?? ''),
        headers: { ...headers, ...(validate(route.headers, headers, 'header') as Record<string, string> | undefined) },
      };
      (event as ParsedEvent<R>).netra = input;
    },
  };
}
