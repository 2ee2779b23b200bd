// PUT /v1/directory/settings: reminder and deadline durations per workflow step.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { putSettings } from '#use-cases/directory';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.putSettings, async ({ regionId, body }) =>
  json(200, await putSettings(deps, regionId, body)),
);
