// POST /v1/satgas/activities: the route create-satgas-activity.ts serves, listed in ../routes.ts.
import { CreateActivityBody, CreateActivityResult } from '#domain/satgas.schema';
import { IdempotencyHeaders } from './common.ts';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'createSatgasActivity', method: 'POST', path: '/v1/satgas/activities', auth: true, successStatus: 201,
  summary: 'Record a Satgas activity (socialisation, vulnerability identification, social-media monitoring) with its risks (Idempotency-Key makes retries safe).',
  body: CreateActivityBody, response: CreateActivityResult,
  headers: IdempotencyHeaders,
} as const satisfies Route;
