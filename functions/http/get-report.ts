// GET /v1/reports/{id}: the region's own report with its timeline and decisions.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { getReport } from '#use-cases/reports';
import { Report, ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getReport', method: 'GET', path: '/v1/reports/{id}', auth: true, successStatus: 200,
  summary: 'The report with its status, timeline and decisions.', params: ReportParams, response: Report,
} as const satisfies Route;

const deps = dependencies({ reports });

export const handler = httpHandler(route, async ({ regionId, params }) =>
  json(200, await getReport(deps, regionId, params.id)),
);
