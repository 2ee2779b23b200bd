// GET /v1/reports/{id}: the region's own report with its timeline and decisions.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { getReport } from '#use-cases/reports';
import { route } from './routes/get-report.ts';

const deps = dependencies({ reports });

export const handler = httpHandler(route, async ({ regionId, params }) =>
  json(200, await getReport(deps, regionId, params.id)),
);
