// POST /v1/reports: store a report as RECEIVED; Idempotency-Key makes retries return the same report.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { idempotentByHeader } from '#lib/idempotency';
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
  { middlewares: [idempotentByHeader(deps.dynamo, 'report')] },
);
