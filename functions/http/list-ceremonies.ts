// GET /v1/ceremonies: the region's ceremonies, filtered by election and OPD, with signatory counts.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { ceremonies } from '#composition/stores/ceremonies';
import { listCeremonies } from '#use-cases/ceremonies';
import { CeremonyList, ListCeremoniesQuery } from '#domain/ceremony.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'listCeremonies', method: 'GET', path: '/v1/ceremonies', auth: true, successStatus: 200,
  summary: 'Ceremonies of the region, latest first, with their pledge text and signatory counts.',
  query: ListCeremoniesQuery, response: CeremonyList,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { ceremonies } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listCeremonies(deps, regionId, query)),
);
