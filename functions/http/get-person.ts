// GET /v1/people/{nip}: a person's record, as JSON or (Accept: text/html) a page to print and hand over; logged.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { wantsHtml } from '#lib/accept';
import { dependencies } from '#composition/root';
import { reportQueries } from '#composition/stores/report-queries';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { ceremonies } from '#composition/stores/ceremonies';
import { accessLog } from '#composition/stores/access-log';
import { logged } from '#lib/access-log';
import { personRecord, personRecordPage } from '#use-cases/people';
import { personRecordResponse } from '#views/person-record';
import { PersonParams, PersonRecord } from '#domain/people.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getPerson', method: 'GET', path: '/v1/people/{nip}', auth: true, successStatus: 200, htmlAlternative: true,
  summary: "What the region holds about one NIP (UU 27/2022 Art. 32): the reports about them (never the reporter), their pledge signatures, their Satgas memberships and the access log about them; with Accept: text/html, a printable page (Indonesian). Every answer is on the access log.",
  params: PersonParams, response: PersonRecord,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reportQueries, regions, directory, ceremonies, accessLog } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async (input) => {
  const { regionId, params, headers } = input;
  return wantsHtml(headers.accept)
    ? personRecordResponse(await logged(deps, route, input, { nip: params.nip }, () => personRecordPage(deps, regionId, params.nip)))
    : json(200, await logged(deps, route, input, { nip: params.nip }, () => personRecord(deps, regionId, params.nip)));
});
