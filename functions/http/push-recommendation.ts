// POST /v1/national/recommendations: a national body's recommendation stored as a report in the named region
// (source and reporter the body's) and its workflow started; with an Idempotency-Key, a retry gets the same report.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { stepFunctions } from '#composition/aws/step-functions';
import { kmsSeal } from '#composition/aws/kms-seal';
import { pushRecommendation } from '#use-cases/national';
import { NationalRecommendationBody, PushRecommendationResult } from '#domain/national.schema';
import { IdempotencyHeaders } from '#lib/request-shapes';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'pushRecommendation', method: 'POST', path: '/v1/national/recommendations', auth: true, national: true, successStatus: 202,
  summary: 'A national body pushes a recommendation into a region: a report there on the recommendation path (Idempotency-Key makes retries safe).',
  body: NationalRecommendationBody, response: PushRecommendationResult, headers: IdempotencyHeaders,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, regions, directory, workflow: stepFunctions('startExecution', 'repairExecution'), seal: kmsSeal('seal') } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ nationalBody, body, headers }) =>
  json(202, await pushRecommendation(deps, { body: nationalBody!, recommendation: body, idempotencyKey: headers['idempotency-key'] })),
);
