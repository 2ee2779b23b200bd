// POST /v1/ceremonies: the route create-ceremony.ts serves, listed in ../routes.ts.
import { CreateCeremonyBody, CreateCeremonyResult } from '#domain/ceremony.schema';
import { IdempotencyHeaders } from './common.ts';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'createCeremony', method: 'POST', path: '/v1/ceremonies', auth: true, successStatus: 201,
  summary: 'Record a pledge ceremony (Ikrar Netralitas ASN) or the regional head\'s declaration (Idempotency-Key makes retries safe).',
  body: CreateCeremonyBody, response: CreateCeremonyResult,
  headers: IdempotencyHeaders,
} as const satisfies Route;
