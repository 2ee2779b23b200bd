// GET /v1/directory: the route get-directory.ts serves, listed in ../routes.ts.
import { Directory } from '#domain/directory.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getDirectory', method: 'GET', path: '/v1/directory', auth: true, successStatus: 200,
  summary: "The region's directory and settings.", response: Directory,
} as const satisfies Route;
