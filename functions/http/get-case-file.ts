// GET /v1/reports/{id}/case-file: the region's own report as a printable A4 document (text/html).
import { httpHandler } from '#lib/http';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { accessLog } from '#composition/stores/access-log';
import { logged } from '#lib/access-log';
import { caseFile } from '#use-cases/case-file';
import { caseFileResponse } from '#views/case-file';
import { ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getCaseFile', method: 'GET', path: '/v1/reports/{id}/case-file', auth: true, successStatus: 200, document: true,
  summary: 'The case file: a printable A4 HTML document (Indonesian, English below headings) with the summary, source and recommendation, decisions, the timeline with its hashes and the sanction; never the reporter.',
  params: ReportParams,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reports, regions, directory, accessLog } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async (input) =>
  caseFileResponse(await logged(deps, route, input, { reportId: input.params.id }, () => caseFile(deps, input.regionId, input.params.id))),
);
