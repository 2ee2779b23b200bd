// GET /v1/reports: the region's reports, newest first, filtered and paginated by cursor.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { listReports } from '#use-cases/reports';
import { ListReportsQuery, ReportPage } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'listReports', method: 'GET', path: '/v1/reports', auth: true, successStatus: 200,
  summary: 'Reports of the region, newest first, with cursor pagination.', query: ListReportsQuery, response: ReportPage,
} as const satisfies Route;

const deps = dependencies({ reports });

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listReports(deps, regionId, query)),
);
