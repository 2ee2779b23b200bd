// GET /v1/reports/{id}/access-log: who read the region's own report, newest first.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { accessLog } from '#lib/stores/access-log';
import { accessLogOf } from '#use-cases/personal-data';
import { route } from './routes/get-access-log.ts';

const deps = dependencies({ reports, accessLog });

export const handler = httpHandler(route, async ({ regionId, params, query }) => json(200, await accessLogOf(deps, regionId, params.id, query)));
