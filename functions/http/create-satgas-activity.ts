// POST /v1/satgas/activities: record a Satgas activity and the risks it found; 201 {id, riskIds}.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { satgas } from '#composition/stores/satgas';
import { idempotentByHeader } from '#lib/idempotency';
import { recordActivity } from '#use-cases/satgas';
import { CreateActivityBody, CreateActivityResult } from '#domain/satgas.schema';
import { IdempotencyHeaders } from '#lib/request-shapes';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'createSatgasActivity', method: 'POST', path: '/v1/satgas/activities', auth: true, successStatus: 201,
  summary: 'Record a Satgas activity (socialisation, vulnerability identification, social-media monitoring) with its risks (Idempotency-Key makes retries safe).',
  body: CreateActivityBody, response: CreateActivityResult,
  headers: IdempotencyHeaders,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { regions, directory, satgas } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(
  route,
  async ({ regionId, body }) => json(201, await recordActivity(deps, regionId, body)),
  { middlewares: [idempotentByHeader(() => deps.dynamo, 'satgas-activity')] },
);
