// What a route is (method, path, schemas, auth, how it answers) and the typed input its handler receives.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { NationalBody } from '#domain/national-bodies';

export interface Route {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  summary: string;
  /** false only for the public endpoints (tracking, health, the OpenAPI document). */
  auth: boolean;
  /** A national bodies' route (/v1/national/...): only their keys call it; every other authenticated route is for
   *  region keys only. */
  national?: boolean;
  successStatus: number;
  body?: z.core.$ZodType;
  query?: z.core.$ZodType;
  params?: z.core.$ZodType;
  /** Headers the route reads, validated as a loose object (other headers pass). */
  headers?: z.core.$ZodType;
  response?: z.core.$ZodType;
  maxBodyBytes?: number;
  /** How the body arrives: JSON (the API) or an HTML form (decision pages). */
  bodyType?: 'json' | 'form';
  /** A page for people: errors are HTML pages too, not problem+json. */
  html?: boolean;
  /** Answers a document (text/html) to an API caller: errors stay problem+json. */
  document?: boolean;
  /** Besides JSON, answers a text/html page when the request's Accept asks for one (errors stay problem+json). */
  htmlAlternative?: boolean;
  /** Besides JSON, answers text/csv when the request's Accept asks for it (formulas neutralised). */
  csvAlternative?: boolean;
  /** What else the route may answer besides what every route of its kind can (400, 401, 403, 404, 413, 415, 503;
   *  409 and 422 for an Idempotency-Key): each status with when. The OpenAPI document lists them. */
  refusals?: Partial<Record<403 | 404 | 409 | 410 | 422, string>>;
}

export type Infer<T> = T extends z.core.$ZodType ? z.output<T> : undefined;
export interface Input<R extends Route> {
  body: Infer<R['body']>;
  query: Infer<R['query']>;
  params: Infer<R['params']>;
  /** The caller's region, from the authorizer; empty on public routes and national ones. */
  regionId: string;
  /** The id of the caller's API key, from the authorizer (never the key); empty on public routes. */
  keyId: string;
  /** The calling national body, on a national route (`national: true`); undefined elsewhere. */
  nationalBody: NationalBody | undefined;
  headers: Record<string, string>;
}
/** The event once parseRequest has read it: the validated input rides along for the handler. */
export type ParsedEvent<R extends Route> = APIGatewayProxyEvent & { netra: Input<R> };
