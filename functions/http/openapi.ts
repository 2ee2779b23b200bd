// GET /openapi.json: the OpenAPI 3.1 description of the API, built once per runtime from the schemas.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { buildOpenApi } from '#lib/openapi';
import { routes } from './routes.ts';

const document = buildOpenApi(routes);

export const handler = httpHandler(routes.openapi, async () => json(200, document));
