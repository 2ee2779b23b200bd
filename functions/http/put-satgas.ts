// PUT /v1/directory/opds/{opdId}/satgas: form or replace the OPD's Satgas netralitas.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { regions } from '#lib/stores/regions';
import { satgas } from '#lib/stores/satgas';
import { formSatgas } from '#use-cases/satgas';
import { route } from './routes/put-satgas.ts';

const deps = dependencies({ regions, satgas });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await formSatgas(deps, regionId, params.opdId, body)),
);
