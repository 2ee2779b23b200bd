// GET /v1/track/{receiptCode}: public, keyless tracking; status and last update only.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { trackReport } from '#use-cases/reports';
import { route } from './routes/track-report.ts';

const deps = dependencies({ reports });

export const handler = httpHandler(route, async ({ params }) =>
  json(200, await trackReport(deps, params.receiptCode)),
);
