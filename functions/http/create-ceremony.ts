// POST /v1/ceremonies: record a pledge ceremony or the regional head's declaration; 201 {id}.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { directory } from '#composition/stores/directory';
import { ceremonies } from '#composition/stores/ceremonies';
import { regions } from '#composition/stores/regions';
import { idempotentByHeader } from '#lib/idempotency';
import { recordCeremony } from '#use-cases/ceremonies';
import { CreateCeremonyBody, CreateCeremonyResult } from '#domain/ceremony.schema';
import { IdempotencyHeaders } from '#lib/request-shapes';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'createCeremony', method: 'POST', path: '/v1/ceremonies', auth: true, successStatus: 201,
  summary: 'Record a pledge ceremony (Ikrar Netralitas ASN) or the regional head\'s declaration (Idempotency-Key makes retries safe).',
  body: CreateCeremonyBody, response: CreateCeremonyResult,
  headers: IdempotencyHeaders,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { directory, ceremonies, regions } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(
  route,
  async ({ regionId, body }) => json(201, { id: (await recordCeremony(deps, regionId, body)).id }),
  { middlewares: [idempotentByHeader(() => deps.dynamo, 'ceremony')] },
);
