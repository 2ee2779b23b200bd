// GET /v1/ceremonies: the region's ceremonies, filtered by election and OPD, with signatory counts.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { ceremonies } from '#lib/stores/ceremonies';
import { listCeremonies } from '#use-cases/ceremonies';
import { route } from './routes/list-ceremonies.ts';

const deps = dependencies({ ceremonies });

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listCeremonies(deps, regionId, query)),
);
