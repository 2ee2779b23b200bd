// GET /v1/compliance: the route get-compliance.ts serves, listed in ../routes.ts.
import { Compliance, ComplianceQuery } from '#domain/ceremony.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getCompliance', method: 'GET', path: '/v1/compliance', auth: true, successStatus: 200,
  summary: 'Per OPD: Ikrar ceremonies held, signatories and coverage of the headcount, for one election.',
  query: ComplianceQuery, response: Compliance,
} as const satisfies Route;
