// PUT /v1/directory/opds/{opdId}/satgas: form or replace the OPD's Satgas netralitas.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { regions } from '#lib/stores/regions';
import { satgas } from '#lib/stores/satgas';
import { formSatgas } from '#use-cases/satgas';
import { OpdParams } from '#domain/directory.schema';
import { PutSatgasBody, Satgas } from '#domain/satgas.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'putSatgas', method: 'PUT', path: '/v1/directory/opds/{opdId}/satgas', auth: true, successStatus: 200,
  summary: "Form or replace the OPD's Satgas netralitas: its decree and members (one KETUA, at most 50). 404 for an OPD not in the directory.",
  params: OpdParams, body: PutSatgasBody, response: Satgas,
} as const satisfies Route;

const deps = dependencies({ regions, satgas });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await formSatgas(deps, regionId, params.opdId, body)),
);
