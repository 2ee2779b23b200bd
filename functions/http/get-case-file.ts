// GET /v1/reports/{id}/case-file: the region's own report as a printable A4 document (text/html).
import { httpHandler } from '#lib/http';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { caseFile } from '#use-cases/case-file';
import { caseFileResponse } from '#views/case-file';
import { ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getCaseFile', method: 'GET', path: '/v1/reports/{id}/case-file', auth: true, successStatus: 200, document: true,
  summary: 'The case file: a printable A4 HTML document (Indonesian, English below headings) with the summary, source and recommendation, decisions, the timeline with its hashes and the sanction; never the reporter.',
  params: ReportParams,
} as const satisfies Route;

const deps = dependencies({ reports, regions, directory });

export const handler = httpHandler(route, async ({ regionId, params }) => caseFileResponse(await caseFile(deps, regionId, params.id)));
