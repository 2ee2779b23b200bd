// GET /v1/reports: the region's reports, newest first, filtered and paginated by cursor.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { listReports } from '#use-cases/reports';
import { route } from './routes/list-reports.ts';

const deps = dependencies({ reports });

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listReports(deps, regionId, query)),
);
