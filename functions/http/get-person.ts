// GET /v1/people/{nip}: a person's record, as JSON or (Accept: text/html) a page to print and hand over; logged.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { wantsHtml } from '#lib/accept';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { ceremonies } from '#lib/stores/ceremonies';
import { accessLog } from '#lib/stores/access-log';
import { logged } from '#lib/access-log';
import { personRecord, personRecordPage } from '#use-cases/people';
import { personRecordResponse } from '#views/person-record';
import { route } from './routes/get-person.ts';

const deps = dependencies({ reports, regions, directory, ceremonies, accessLog });

export const handler = httpHandler(route, async (input) => {
  const { regionId, params, headers } = input;
  return wantsHtml(headers.accept)
    ? personRecordResponse(await logged(deps, route, input, { nip: params.nip }, () => personRecordPage(deps, regionId, params.nip)))
    : json(200, await logged(deps, route, input, { nip: params.nip }, () => personRecord(deps, regionId, params.nip)));
});
