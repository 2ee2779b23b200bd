// GET /v1/satgas/risks: the route get-satgas-risks.ts serves, listed in ../routes.ts.
import { RiskMap, RiskMapQuery } from '#domain/vulnerability-map';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getSatgasRisks', method: 'GET', path: '/v1/satgas/risks', auth: true, successStatus: 200,
  summary: 'The vulnerability map: risks of one election by stage × category × level, and the risks; with Accept: text/html, a printable page with a heat map.',
  query: RiskMapQuery, response: RiskMap, htmlAlternative: true,
} as const satisfies Route;
