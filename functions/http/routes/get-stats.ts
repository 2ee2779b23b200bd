// GET /v1/stats: the route get-stats.ts serves, listed in ../routes.ts.
import { Stats, StatsQuery } from '#domain/stats.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getStats', method: 'GET', path: '/v1/stats', auth: true, successStatus: 200,
  summary: 'Report counts by status, category, stage, level and outcome for one election.', query: StatsQuery, response: Stats,
} as const satisfies Route;
