// GET /v1/track/{receiptCode}: the route track-report.ts serves, listed in ../routes.ts.
import { TrackParams, Tracking } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'trackReport', method: 'GET', path: '/v1/track/{receiptCode}', auth: false, successStatus: 200,
  summary: 'Public tracking by receipt code: status and last update only.', params: TrackParams, response: Tracking,
} as const satisfies Route;
