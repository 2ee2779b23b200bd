// GET /v1/reports: the region's reports, newest first, filtered and paginated by cursor.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { accessLog } from '#lib/stores/access-log';
import { logged } from '#lib/access-log';
import { listReports } from '#use-cases/reports';
import { route } from './routes/list-reports.ts';

const deps = dependencies({ reports, accessLog });

// A page names its employees: one entry in the region's log of list pages.
export const handler = httpHandler(route, async (input) =>
  json(200, await logged(deps, route, input, {}, () => listReports(deps, input.regionId, input.query))),
);
