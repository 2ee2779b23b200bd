// GET /openapi.json: the OpenAPI 3.1 description of the API. Deployed, it is data: NetraFunction builds it from
// the route schemas at synth time and ships it as openapi.json beside this bundle, so the function carries neither
// the schemas nor zod. Unbundled (npm start, the tests) the same generator builds it on first use.
import { readFile } from 'node:fs/promises';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { BASE_HEADERS } from '#lib/problem';
import * as z from 'zod/mini';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

declare const NETRA_OPENAPI_BUNDLED: boolean | undefined;

// The document's own schema is for the route table (the document lists this route); deployed, the constant condition
// drops it, and with it zod, from this bundle.
const OpenApiDocument =
  typeof NETRA_OPENAPI_BUNDLED === 'boolean'
    ? undefined
    : z
        .looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
        .register(z.globalRegistry, { id: 'OpenApiDocument' });

export const route = {
  operationId: 'openapi', method: 'GET', path: '/openapi.json', auth: false, successStatus: 200,
  summary: 'This OpenAPI 3.1 document.', response: OpenApiDocument,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'none', uses: {} } as const satisfies Needs;

// A constant condition in the bundle: esbuild drops the branch not taken, and with it the generator's imports.
const documentBody: () => Promise<string> =
  typeof NETRA_OPENAPI_BUNDLED === 'boolean'
    ? () => readFile(new URL('./openapi.json', import.meta.url), 'utf8')
    : async () => {
        const [{ buildOpenApi }, { routes }] = await Promise.all([import('#lib/openapi'), import('./routes.ts')]);
        return JSON.stringify(buildOpenApi(routes));
      };

let body: Promise<string> | undefined;

export const handler = async (): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8' },
  body: await (body ??= documentBody()),
});
