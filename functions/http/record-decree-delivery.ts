// POST /v1/reports/{id}/decree-delivery: when the employee received the sanction decree.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { recordDecreeDelivery } from '#use-cases/appeals';
import { route } from './routes/record-decree-delivery.ts';

const deps = dependencies({ reports, regions, directory });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await recordDecreeDelivery(deps, regionId, params.id, body)),
);
