// PUT /v1/satgas/risks/{riskId}: the route put-satgas-risk.ts serves, listed in ../routes.ts.
import { PutRiskBody, Risk, RiskParams } from '#domain/satgas.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'putSatgasRisk', method: 'PUT', path: '/v1/satgas/risks/{riskId}', auth: true, successStatus: 200,
  summary: 'Mark a risk handled (DITANGANI) or open again (TERBUKA), with a note.', params: RiskParams, body: PutRiskBody, response: Risk,
} as const satisfies Route;
