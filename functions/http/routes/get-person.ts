// GET /v1/people/{nip}: the route get-person.ts serves, listed in ../routes.ts.
import { PersonParams, PersonRecord } from '#domain/people.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getPerson', method: 'GET', path: '/v1/people/{nip}', auth: true, successStatus: 200, htmlAlternative: true,
  summary: "What the region holds about one NIP (UU 27/2022 Art. 32): the reports about them (never the reporter), their pledge signatures, their Satgas memberships and the access log about them; with Accept: text/html, a printable page (Indonesian). Every answer is on the access log.",
  params: PersonParams, response: PersonRecord,
} as const satisfies Route;
