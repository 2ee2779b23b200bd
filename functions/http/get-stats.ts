// GET /v1/stats?electionId=: counts by status, category, stage, level and outcome for the key's region.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { getStats } from '#use-cases/stats';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.getStats, async ({ regionId, query }) => json(200, await getStats(deps, regionId, query.electionId)));
