// GET /v1/satgas/activities: the region's Satgas activities, latest held first, filtered and paginated.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { satgas } from '#composition/stores/satgas';
import { listActivities } from '#use-cases/satgas';
import { ActivityPage, ListActivitiesQuery } from '#domain/satgas.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'listSatgasActivities', method: 'GET', path: '/v1/satgas/activities', auth: true, successStatus: 200,
  summary: 'Satgas activities of the region, latest held first, with cursor pagination.', query: ListActivitiesQuery, response: ActivityPage,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { satgas } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listActivities(deps, regionId, query)),
);
