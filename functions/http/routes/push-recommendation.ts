// POST /v1/national/recommendations: the route push-recommendation.ts serves, listed in ../routes.ts.
import { NationalRecommendationBody, PushRecommendationResult } from '#domain/national.schema';
import { IdempotencyHeaders } from './common.ts';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'pushRecommendation', method: 'POST', path: '/v1/national/recommendations', auth: true, national: true, successStatus: 202,
  summary: 'A national body pushes a recommendation into a region: a report there on the recommendation path (Idempotency-Key makes retries safe).',
  body: NationalRecommendationBody, response: PushRecommendationResult, headers: IdempotencyHeaders,
} as const satisfies Route;
