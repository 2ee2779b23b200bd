// GET /v1/track/{receiptCode}: public, keyless tracking; status and last update only.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { trackReport } from '#use-cases/reports';
import { TrackParams, Tracking } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'trackReport', method: 'GET', path: '/v1/track/{receiptCode}', auth: false, successStatus: 200,
  summary: 'Public tracking by receipt code: status and last update only.', params: TrackParams, response: Tracking,
} as const satisfies Route;

const deps = dependencies({ reports });

export const handler = httpHandler(route, async ({ params }) =>
  json(200, await trackReport(deps, params.receiptCode)),
);
