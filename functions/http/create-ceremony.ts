// POST /v1/ceremonies: record a pledge ceremony or the regional head's declaration; 201 {id}.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { directory } from '#lib/stores/directory';
import { ceremonies } from '#lib/stores/ceremonies';
import { regions } from '#lib/stores/regions';
import { idempotentByHeader } from '#lib/idempotency';
import { recordCeremony } from '#use-cases/ceremonies';
import { route } from './routes/create-ceremony.ts';

const deps = dependencies({ directory, ceremonies, regions });

export const handler = httpHandler(
  route,
  async ({ regionId, body }) => json(201, { id: (await recordCeremony(deps, regionId, body)).id }),
  { middlewares: [idempotentByHeader(deps.dynamo, 'ceremony')] },
);
