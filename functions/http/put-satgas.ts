// PUT /v1/directory/opds/{opdId}/satgas: form or replace the OPD's Satgas netralitas.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { regions } from '#composition/stores/regions';
import { satgas } from '#composition/stores/satgas';
import { formSatgas } from '#use-cases/satgas';
import { OpdParams } from '#domain/directory.schema';
import { PutSatgasBody, Satgas } from '#domain/satgas.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'putSatgas', method: 'PUT', path: '/v1/directory/opds/{opdId}/satgas', auth: true, successStatus: 200,
  summary: "Form or replace the OPD's Satgas netralitas: its decree and members (one KETUA, at most 50). 404 for an OPD not in the directory.",
  params: OpdParams, body: PutSatgasBody, response: Satgas,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { regions, satgas } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await formSatgas(deps, regionId, params.opdId, body)),
);
