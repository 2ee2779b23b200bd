// GET /v1/ceremonies: the route list-ceremonies.ts serves, listed in ../routes.ts.
import { CeremonyList, ListCeremoniesQuery } from '#domain/ceremony.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'listCeremonies', method: 'GET', path: '/v1/ceremonies', auth: true, successStatus: 200,
  summary: 'Ceremonies of the region, latest first, with their pledge text and signatory counts.',
  query: ListCeremoniesQuery, response: CeremonyList,
} as const satisfies Route;
