// GET /v1/track/{receiptCode}: public, keyless tracking; status and last update only.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reportQueries } from '#composition/stores/report-queries';
import { trackReport } from '#use-cases/reports';
import { TrackParams, Tracking } from '#domain/report.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'trackReport', method: 'GET', path: '/v1/track/{receiptCode}', auth: false, successStatus: 200,
  summary: 'Public tracking by receipt code: status and last update only.', params: TrackParams, response: Tracking,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reportQueries } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ params }) =>
  json(200, await trackReport(deps, params.receiptCode)),
);
