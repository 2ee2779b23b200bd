// POST /v1/reports/{id}/appeals: the route file-appeal.ts serves, listed in ../routes.ts.
import { FileAppealBody, FileAppealResult } from '#domain/appeals';
import { ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'fileAppeal', method: 'POST', path: '/v1/reports/{id}/appeals', auth: true, successStatus: 201,
  summary: 'File the employee\'s objection (KEBERATAN, to the PPK) or appeal (BANDING, to BPASN) against the sanction; late ones are NOT_ADMISSIBLE, a moral sanction has none (422).',
  params: ReportParams, body: FileAppealBody, response: FileAppealResult,
} as const satisfies Route;
