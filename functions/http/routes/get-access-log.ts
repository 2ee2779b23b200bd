// GET /v1/reports/{id}/access-log: the route get-access-log.ts serves, listed in ../routes.ts.
import { ReportParams } from '#domain/report.schema';
import { AccessLogPage, AccessLogQuery } from '#domain/personal-data.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getAccessLog', method: 'GET', path: '/v1/reports/{id}/access-log', auth: true, successStatus: 200,
  summary: "Who read the report (each answer that carried it: the report, its case file, an unseal), newest first, with cursor pagination.",
  params: ReportParams, query: AccessLogQuery, response: AccessLogPage,
} as const satisfies Route;
