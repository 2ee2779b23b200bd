// POST /v1/reports/{id}/appeals: the employee's objection or appeal against the sanction, filed by the region (an
// objection starts its own execution: the PPK's decision link).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { stepFunctions } from '#composition/aws/step-functions';
import { fileAppeal } from '#use-cases/sanction/appeals';
import { FileAppealBody, FileAppealResult } from '#domain/appeals';
import { ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'fileAppeal', method: 'POST', path: '/v1/reports/{id}/appeals', auth: true, successStatus: 201,
  summary: 'File the employee\'s objection (KEBERATAN, to the PPK) or appeal (BANDING, to BPASN) against the sanction; late ones are NOT_ADMISSIBLE, a moral sanction has none (422).',
  params: ReportParams, body: FileAppealBody, response: FileAppealResult,
  refusals: { 409: 'No sanction is in force on the report, or one of its appeals is still open', 422: 'The kind does not fit the sanction: BANDING is for PEMBERHENTIAN only, KEBERATAN for every other sanction' },
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, regions, directory, workflow: stepFunctions('startExecution') } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(201, await fileAppeal(deps, regionId, params.id, body)),
);
