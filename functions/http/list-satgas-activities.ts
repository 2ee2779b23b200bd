// GET /v1/satgas/activities: the region's Satgas activities, latest held first, filtered and paginated.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { satgas } from '#lib/stores/satgas';
import { listActivities } from '#use-cases/satgas';
import { route } from './routes/list-satgas-activities.ts';

const deps = dependencies({ satgas });

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listActivities(deps, regionId, query)),
);
