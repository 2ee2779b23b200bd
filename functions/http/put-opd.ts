// PUT /v1/directory/opds/{opdId}: create or replace an OPD and its head.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { putOpd } from '#use-cases/directory';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.putOpd, async ({ regionId, params, body }) =>
  json(200, await putOpd(deps, regionId, params.opdId, body)),
);
