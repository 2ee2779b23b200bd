// GET /v1/stats?electionId=: counts by status, category, stage, level and outcome for the key's region.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { getStats } from '#use-cases/stats';
import { route } from './routes/get-stats.ts';

const deps = dependencies({ reports });

export const handler = httpHandler(route, async ({ regionId, query }) => json(200, await getStats(deps, regionId, query.electionId)));
