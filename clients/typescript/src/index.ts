// @netra/client: a typed client for the netra API. Types come from the OpenAPI document (src/schema.ts,
// generated); the helpers do what callers get wrong: Idempotency-Key on creates, retries of 429/503 honouring
// Retry-After, pagination, and problem+json as a typed error.
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.ts';
import { retryingFetch, type RetryOptions } from './retry.ts';
import { unwrap } from './problem.ts';

export { NetraProblem, unwrap, type ProblemBody } from './problem.ts';
export { retryAfterMs, retryingFetch, type RetryOptions } from './retry.ts';
export type { components, paths } from './schema.ts';

export type Schemas = components['schemas'];

export interface NetraClientOptions {
  /** The API's base URL, e.g. https://api.netra.example or http://127.0.0.1:3000 (no trailing /v1). */
  baseUrl: string;
  /** The region's API key (x-api-key). Public routes work without one. */
  apiKey?: string;
  /** Retries of 429/503 and network errors; `false` turns them off. */
  retry?: RetryOptions | false;
  /** The fetch to use (defaults to the global one). */
  fetch?: typeof fetch;
}

/** The creates that take an Idempotency-Key: the client adds a fresh one when the caller gave none. */
const KEYED_CREATES = new Set(['/v1/reports', '/v1/ceremonies', '/v1/satgas/activities']);

/** The cursor-paginated lists: `{items, nextCursor}`. */
type PagedPath = {
  [P in keyof paths]: paths[P] extends { get: { responses: { 200: { content: { 'application/json': { items: unknown[]; nextCursor: string | null } } } } } }
    ? P
    : never;
}[keyof paths];
type PageOf<P extends PagedPath> = paths[P]['get']['responses'][200]['content']['application/json'];
type QueryOf<P extends PagedPath> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export interface NetraClient {
  /** The typed openapi-fetch client: `api.GET('/v1/reports/{id}', { params: { path: { id } } })`. */
  api: Client<paths>;
  /** Every item of a paginated list, page after page (bounded by the API's cursors; a repeated cursor stops). */
  all<P extends PagedPath>(path: P, query?: Omit<QueryOf<P>, 'cursor'>): AsyncGenerator<PageOf<P>['items'][number]>;
}

export function createNetraClient(options: NetraClientOptions): NetraClient {
  const inner = options.fetch ?? globalThis.fetch;
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: options.retry === false ? inner : retryingFetch(inner, options.retry),
  });
  api.use({
    onRequest({ request, schemaPath }) {
      if (options.apiKey) request.headers.set('x-api-key', options.apiKey);
      // Set before the retrying fetch sees the request, so every retry carries the same key.
      if (request.method === 'POST' && KEYED_CREATES.has(schemaPath) && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', crypto.randomUUID());
      }
      return request;
    },
  });

  async function* all<P extends PagedPath>(path: P, query?: Omit<QueryOf<P>, 'cursor'>) {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const init = { params: { query: { ...(query ?? {}), ...(cursor ? { cursor } : {}) } } };
      const page = unwrap(await (api.GET as (path: string, init: unknown) => Promise<{ data?: PageOf<P>; error?: unknown; response: Response }>)(path, init));
      yield* page.items as PageOf<P>['items'];
      cursor = page.nextCursor ?? undefined;
      if (cursor && seen.has(cursor)) return;
      if (cursor) seen.add(cursor);
    } while (cursor);
  }

  return { api, all };
}
