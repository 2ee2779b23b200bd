// GET /v1/satgas/activities: the route list-satgas-activities.ts serves, listed in ../routes.ts.
import { ActivityPage, ListActivitiesQuery } from '#domain/satgas.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'listSatgasActivities', method: 'GET', path: '/v1/satgas/activities', auth: true, successStatus: 200,
  summary: 'Satgas activities of the region, latest held first, with cursor pagination.', query: ListActivitiesQuery, response: ActivityPage,
} as const satisfies Route;
