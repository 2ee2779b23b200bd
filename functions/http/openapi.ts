// GET /openapi.json: the OpenAPI 3.1 description of the API. Deployed, it is data: NetraFunction builds it from
// the route schemas at synth time and ships it as openapi.json beside this bundle, so the function carries neither
// the schemas nor zod. Unbundled (npm start, the tests) the same generator builds it on first use.
import { readFile } from 'node:fs/promises';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { BASE_HEADERS } from '#lib/problem';

declare const NETRA_OPENAPI_BUNDLED: boolean | undefined;

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
