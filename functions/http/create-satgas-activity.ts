// POST /v1/satgas/activities: record a Satgas activity and the risks it found; 201 {id, riskIds}.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { satgas } from '#lib/stores/satgas';
import { idempotentByHeader } from '#lib/idempotency';
import { recordActivity } from '#use-cases/satgas';
import { route } from './routes/create-satgas-activity.ts';

const deps = dependencies({ regions, directory, satgas });

export const handler = httpHandler(
  route,
  async ({ regionId, body }) => json(201, await recordActivity(deps, regionId, body)),
  { middlewares: [idempotentByHeader(deps.dynamo, 'satgas-activity')] },
);
