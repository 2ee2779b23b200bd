// GET /decisions/{decisionId}: the route get-decision.ts serves, listed in ../routes.ts.
import { DecisionParams, DecisionQuery } from './common.ts';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getDecision', method: 'GET', path: '/decisions/{decisionId}', auth: false, successStatus: 200, html: true,
  summary: 'The decision page an approver opens from an e-mail (HTML). Changes nothing.', params: DecisionParams, query: DecisionQuery,
} as const satisfies Route;
