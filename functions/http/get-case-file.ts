// GET /v1/reports/{id}/case-file: the region's own report as a printable A4 document (text/html).
import { httpHandler } from '#lib/http';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { accessLog } from '#lib/stores/access-log';
import { logged } from '#lib/access-log';
import { caseFile } from '#use-cases/case-file';
import { caseFileResponse } from '#views/case-file';
import { route } from './routes/get-case-file.ts';

const deps = dependencies({ reports, regions, directory, accessLog });

export const handler = httpHandler(route, async (input) =>
  caseFileResponse(await logged(deps, route, input, { reportId: input.params.id }, () => caseFile(deps, input.regionId, input.params.id))),
);
