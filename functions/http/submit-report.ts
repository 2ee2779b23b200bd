// POST /v1/reports: store a report as RECEIVED. With an Idempotency-Key the report's id is derived from it, so
// a retry finds the report its first attempt stored (the same request, or 422 for another body) in the same
// transaction that would have stored it: no separate idempotency record, no extra round trips.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { stepFunctions } from '#lib/aws/step-functions';
import { submitReport } from '#use-cases/reports';
import { routes } from './routes.ts';

const deps = dependencies({ workflow: stepFunctions });

export const handler = httpHandler(routes.submitReport, async ({ regionId, body, headers }) => {
  const report = await submitReport(deps, { regionId, body, idempotencyKey: headers['idempotency-key'] });
  return json(202, { id: report.id, receiptCode: report.receiptCode, status: report.status });
});
