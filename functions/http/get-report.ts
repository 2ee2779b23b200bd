// GET /v1/reports/{id}: the region's own report with its timeline and decisions (the reporter sealed), logged.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { accessLog } from '#composition/stores/access-log';
import { logged } from '#lib/access-log';
import { getReport } from '#use-cases/reports';
import { Report, ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getReport', method: 'GET', path: '/v1/reports/{id}', auth: true, successStatus: 200,
  summary: 'The report with its status, timeline and decisions.', params: ReportParams, response: Report,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reports, accessLog } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async (input) =>
  json(200, await logged(deps, route, input, { reportId: input.params.id }, () => getReport(deps, input.regionId, input.params.id))),
);
