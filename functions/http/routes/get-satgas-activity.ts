// GET /v1/satgas/activities/{id}: the route get-satgas-activity.ts serves, listed in ../routes.ts.
import { ActivityDetail, ActivityParams } from '#domain/satgas.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getSatgasActivity', method: 'GET', path: '/v1/satgas/activities/{id}', auth: true, successStatus: 200,
  summary: 'One Satgas activity with its risks as they stand now.', params: ActivityParams, response: ActivityDetail,
} as const satisfies Route;
