// POST /v1/reports: the route submit-report.ts serves, listed in ../routes.ts.
import { SubmitReportBody, SubmitReportResult } from '#domain/report.schema';
import { IdempotencyHeaders } from './common.ts';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'submitReport', method: 'POST', path: '/v1/reports', auth: true, successStatus: 202,
  summary: 'Submit a report of a suspected neutrality violation (Idempotency-Key makes retries safe).',
  body: SubmitReportBody, response: SubmitReportResult,
  headers: IdempotencyHeaders,
} as const satisfies Route;
