// GET /v1/reports/{id}/case-file: the route get-case-file.ts serves, listed in ../routes.ts.
import { ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getCaseFile', method: 'GET', path: '/v1/reports/{id}/case-file', auth: true, successStatus: 200, document: true,
  summary: 'The case file: a printable A4 HTML document (Indonesian, English below headings) with the summary, source and recommendation, decisions, the timeline with its hashes and the sanction; never the reporter.',
  params: ReportParams,
} as const satisfies Route;
