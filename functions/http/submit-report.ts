// POST /v1/reports: store a report as RECEIVED and start its workflow. With an Idempotency-Key the report is its
// own idempotency record: its id is derived from the region and the key, and the one transaction that stores it
// refuses a second one and keeps a hash of the body. So a retry reaches the use case, which finds the report
// and repairs its workflow at once if it is not running (never started, failed, stopped), and gets the same
// answer; another body with the key is 422, and a concurrent
// duplicate waits for the first one's transaction and answers like a retry. No bookkeeping write follows the
// report's own (Powertools' record needed one before and one after it): a stored report is never answered 503
// for one; README "Intake latency" has the measurements.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { stepFunctions } from '#composition/aws/step-functions';
import { kmsSeal } from '#composition/aws/kms-seal';
import { submitReport } from '#use-cases/reports';
import { SubmitReportBody, SubmitReportResult } from '#domain/report.schema';
import { IdempotencyHeaders } from '#lib/request-shapes';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'submitReport', method: 'POST', path: '/v1/reports', auth: true, successStatus: 202,
  summary: 'Submit a report of a suspected neutrality violation (Idempotency-Key makes retries safe).',
  body: SubmitReportBody, response: SubmitReportResult,
  headers: IdempotencyHeaders,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, regions, directory, workflow: stepFunctions('startExecution', 'repairExecution'), seal: kmsSeal('seal') } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, body, headers }) => {
  const report = await submitReport(deps, { regionId, body, idempotencyKey: headers['idempotency-key'] });
  // The answer to the submission, the same on every retry: the report as it was received (GET /v1/reports/{id}
  // shows where it is now).
  return json(202, { id: report.id, receiptCode: report.receiptCode, status: 'RECEIVED' });
});
