// GET /v1/ceremonies: the region's ceremonies, filtered by election and OPD, with signatory counts.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { directory } from '#lib/stores/directory';
import { ceremonies } from '#lib/stores/ceremonies';
import { regions } from '#lib/stores/regions';
import { satgas } from '#lib/stores/satgas';
import { listCeremonies } from '#use-cases/ceremonies';
import { route } from './routes/list-ceremonies.ts';

const deps = dependencies({ directory, ceremonies, regions, satgas });

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await listCeremonies(deps, regionId, query)),
);
