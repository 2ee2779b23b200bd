// PUT /v1/directory/opds/{opdId}/satgas: the route put-satgas.ts serves, listed in ../routes.ts.
import { OpdParams } from '#domain/directory.schema';
import { PutSatgasBody, Satgas } from '#domain/satgas.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'putSatgas', method: 'PUT', path: '/v1/directory/opds/{opdId}/satgas', auth: true, successStatus: 200,
  summary: "Form or replace the OPD's Satgas netralitas: its decree and members (one KETUA, at most 50). 404 for an OPD not in the directory.",
  params: OpdParams, body: PutSatgasBody, response: Satgas,
} as const satisfies Route;
