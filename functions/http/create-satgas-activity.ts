// POST /v1/satgas/activities: record a Satgas activity and the risks it found; 201 {id, riskIds}.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { idempotentByHeader } from '#lib/idempotency';
import { recordActivity } from '#use-cases/satgas';
import { route } from './routes/create-satgas-activity.ts';

const deps = dependencies();

export const handler = httpHandler(
  route,
  async ({ regionId, body }) => json(201, await recordActivity(deps, regionId, body)),
  { middlewares: [idempotentByHeader(deps.dynamo, 'satgas-activity')] },
);
