// PUT /v1/directory/opds/{opdId}: the route put-opd.ts serves, listed in ../routes.ts.
import { OpdParams, Opd, PutOpdBody } from '#domain/directory.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'putOpd', method: 'PUT', path: '/v1/directory/opds/{opdId}', auth: true, successStatus: 200,
  summary: 'Create or replace an OPD and its head.', params: OpdParams, body: PutOpdBody, response: Opd,
} as const satisfies Route;
