// POST /v1/national/recommendations: a national body's recommendation stored as a report in the named region
// (source and reporter the body's) and its workflow started; with an Idempotency-Key, a retry gets the same report.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { stepFunctions } from '#lib/aws/step-functions';
import { kmsSeal } from '#lib/aws/kms-seal';
import { pushRecommendation } from '#use-cases/national';
import { route } from './routes/push-recommendation.ts';

const deps = dependencies({ reports, regions, directory, workflow: stepFunctions, seal: kmsSeal });

export const handler = httpHandler(route, async ({ nationalBody, body, headers }) =>
  json(202, await pushRecommendation(deps, { body: nationalBody!, recommendation: body, idempotencyKey: headers['idempotency-key'] })),
);
