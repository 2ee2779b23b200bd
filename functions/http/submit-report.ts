// POST /v1/reports: store a report as RECEIVED and start its workflow. An Idempotency-Key goes through
// Powertools idempotency (the replayed answer, 409 while the first attempt runs, 422 for another body),
// and the report's id is derived from the key, so even a retry after that record expired finds the same
// report in the transaction that would have stored it.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { idempotentByHeader } from '#lib/idempotency';
import { repairOnReplay } from '#lib/repair-on-replay';
import { stepFunctions } from '#lib/aws/step-functions';
import { submitReport } from '#use-cases/reports';
import { routes } from './routes.ts';

const deps = dependencies({ workflow: stepFunctions });

export const handler = httpHandler(
  routes.submitReport,
  async ({ regionId, body, headers }) => {
    const report = await submitReport(deps, { regionId, body, idempotencyKey: headers['idempotency-key'] });
    return json(202, { id: report.id, receiptCode: report.receiptCode, status: report.status });
  },
  { middlewares: [repairOnReplay(deps, idempotentByHeader(deps.dynamo, 'report'))] },
);
