// PUT /v1/satgas/risks/{riskId}: mark a risk handled or open again, with a note.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { satgas } from '#composition/stores/satgas';
import { setRiskStatus } from '#use-cases/satgas';
import { PutRiskBody, Risk, RiskParams } from '#domain/satgas.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'putSatgasRisk', method: 'PUT', path: '/v1/satgas/risks/{riskId}', auth: true, successStatus: 200,
  summary: 'Mark a risk handled (DITANGANI) or open again (TERBUKA), with a note.', params: RiskParams, body: PutRiskBody, response: Risk,
  refusals: { 409: 'The risk kept being changed by others at the same time; retry' },
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { satgas } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await setRiskStatus(deps, regionId, params.riskId, body)),
);
