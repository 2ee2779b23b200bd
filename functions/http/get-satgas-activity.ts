// GET /v1/satgas/activities/{id}: one Satgas activity with its risks as they stand now.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { satgas } from '#lib/stores/satgas';
import { getActivity } from '#use-cases/satgas';
import { route } from './routes/get-satgas-activity.ts';

const deps = dependencies({ satgas });

export const handler = httpHandler(route, async ({ regionId, params }) =>
  json(200, await getActivity(deps, regionId, params.id)),
);
