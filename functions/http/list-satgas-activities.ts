// GET /v1/satgas/activities: the region's Satgas activities, latest held first, filtered and paginated.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { satgas } from '#lib/stores/satgas';
import { listActivities } from '#use-cases/satgas';
import { ActivityPage, ListActivitiesQuery } from '#domain/satgas.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'listSatgasActivities', method: 'GET', path: '/v1/satgas/activities', auth: true, successStatus: 200,
  summary: 'Satgas activities of the region, latest held first, with cursor pagination.', query: ListActivitiesQuery, response: ActivityPage,
} as const satisfies Route;

const deps = dependencies({ satgas });

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listActivities(deps, regionId, query)),
);
