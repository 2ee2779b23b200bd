// GET /v1/satgas/activities/{id}: one Satgas activity with its risks as they stand now.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { satgas } from '#composition/stores/satgas';
import { getActivity } from '#use-cases/satgas';
import { ActivityDetail, ActivityParams } from '#domain/satgas.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getSatgasActivity', method: 'GET', path: '/v1/satgas/activities/{id}', auth: true, successStatus: 200,
  summary: 'One Satgas activity with its risks as they stand now.', params: ActivityParams, response: ActivityDetail,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { satgas } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params }) =>
  json(200, await getActivity(deps, regionId, params.id)),
);
