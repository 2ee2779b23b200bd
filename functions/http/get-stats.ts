// GET /v1/stats?electionId=: counts by status, category, stage, level and outcome for the key's region.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reportQueries } from '#composition/stores/report-queries';
import { getStats } from '#use-cases/stats';
import { Stats, StatsQuery } from '#domain/stats.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getStats', method: 'GET', path: '/v1/stats', auth: true, successStatus: 200,
  summary: 'Report counts by status, category, stage, level and outcome for one election.', query: StatsQuery, response: Stats,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reportQueries } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, query }) => json(200, await getStats(deps, regionId, query.electionId)));
