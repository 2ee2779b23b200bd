// GET /v1/reports: the region's reports, newest first, filtered and paginated by cursor.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reportQueries } from '#composition/stores/report-queries';
import { accessLog } from '#composition/stores/access-log';
import { logged } from '#lib/access-log';
import { listReports } from '#use-cases/reports';
import { ListReportsQuery, ReportPage } from '#domain/report.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'listReports', method: 'GET', path: '/v1/reports', auth: true, successStatus: 200,
  summary: 'Reports of the region, newest first, with cursor pagination.', query: ListReportsQuery, response: ReportPage,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reportQueries, accessLog } } as const satisfies Needs;
const deps = dependencies(needs);

// A page names its employees: one entry in the region's log of list pages.
export const handler = httpHandler(route, async (input) =>
  json(200, await logged(deps, route, input, {}, () => listReports(deps, input.regionId, input.query))),
);
