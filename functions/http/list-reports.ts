// GET /v1/reports: the region's reports, newest first, filtered and paginated by cursor.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { listReports } from '#use-cases/reports';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.listReports, async ({ regionId, query }) =>
  json(200, await listReports(deps, regionId, query)),
);
