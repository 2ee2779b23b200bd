// GET /v1/reports: the route list-reports.ts serves, listed in ../routes.ts.
import { ListReportsQuery, ReportPage } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'listReports', method: 'GET', path: '/v1/reports', auth: true, successStatus: 200,
  summary: 'Reports of the region, newest first, with cursor pagination.', query: ListReportsQuery, response: ReportPage,
} as const satisfies Route;
