// POST /v1/reports/{id}/reporter/unseal: the route unseal-reporter.ts serves, listed in ../routes.ts.
import { ReportParams } from '#domain/report.schema';
import { UnsealBody, UnsealResult } from '#domain/personal-data.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'unsealReporter', method: 'POST', path: '/v1/reports/{id}/reporter/unseal', auth: true, successStatus: 200,
  summary: "Open the reporter's sealed identity for a reason (at least 20 characters): written to the timeline (REPORTER_UNSEALED, the key, the reason) and e-mailed to the PPK (never the identity).",
  params: ReportParams, body: UnsealBody, response: UnsealResult, maxBodyBytes: 4 * 1024,
} as const satisfies Route;
