// GET /v1/ceremonies: the region's ceremonies, filtered by election and OPD, with signatory counts.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { listCeremonies } from '#use-cases/ceremonies';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.listCeremonies, async ({ regionId, query }) =>
  json(200, await listCeremonies(deps, regionId, query)),
);
