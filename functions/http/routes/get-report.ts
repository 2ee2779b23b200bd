// GET /v1/reports/{id}: the route get-report.ts serves, listed in ../routes.ts.
import { Report, ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getReport', method: 'GET', path: '/v1/reports/{id}', auth: true, successStatus: 200,
  summary: 'The report with its status, timeline and decisions.', params: ReportParams, response: Report,
} as const satisfies Route;
