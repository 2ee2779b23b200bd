// GET /openapi.json: the route openapi.ts serves, listed in ../routes.ts.
import * as z from 'zod/mini';
import type { Route } from '#lib/route';

const OpenApiDocument = z
  .looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .register(z.globalRegistry, { id: 'OpenApiDocument' });

export const route = {
  operationId: 'openapi', method: 'GET', path: '/openapi.json', auth: false, successStatus: 200,
  summary: 'This OpenAPI 3.1 document.', response: OpenApiDocument,
} as const satisfies Route;
