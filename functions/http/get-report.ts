// GET /v1/reports/{id}: the region's own report with its timeline and decisions (the reporter sealed), logged.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { accessLog } from '#lib/stores/access-log';
import { logged } from '#lib/access-log';
import { getReport } from '#use-cases/reports';
import { route } from './routes/get-report.ts';

const deps = dependencies({ reports, accessLog });

export const handler = httpHandler(route, async (input) =>
  json(200, await logged(deps, route, input, { reportId: input.params.id }, () => getReport(deps, input.regionId, input.params.id))),
);
