// GET /v1/reports/{id}/access-log: who read the region's own report, newest first.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { accessLog } from '#composition/stores/access-log';
import { accessLogOf } from '#use-cases/personal-data';
import { ReportParams } from '#domain/report.schema';
import { AccessLogPage, AccessLogQuery } from '#domain/personal-data.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getAccessLog', method: 'GET', path: '/v1/reports/{id}/access-log', auth: true, successStatus: 200,
  summary: "Who read the report (each answer that carried it: the report, its case file, an unseal), newest first, with cursor pagination.",
  params: ReportParams, query: AccessLogQuery, response: AccessLogPage,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reports, accessLog } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, query }) => json(200, await accessLogOf(deps, regionId, params.id, query)));
