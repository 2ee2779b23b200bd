// POST /v1/reports/{id}/appeals/{appealId}/decision: BPASN's decision on a BANDING, recorded by the region.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { stepFunctions } from '#composition/aws/step-functions';
import { recordAppealDecision } from '#use-cases/sanction/appeals';
import * as z from 'zod/mini';
import { AppealDecisionBody, AppealParams, APPEAL_STATUSES, SanctionRecord } from '#domain/appeals';
import { REPORT_STATUSES } from '#domain/codes';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const AppealDecisionResult = z
  .object({ appealId: z.string(), status: z.enum(APPEAL_STATUSES), reportStatus: z.enum(REPORT_STATUSES), sanction: z.nullable(SanctionRecord) })
  .register(z.globalRegistry, { id: 'AppealDecisionResult' });

export const route = {
  operationId: 'recordAppealDecision', method: 'POST', path: '/v1/reports/{id}/appeals/{appealId}/decision', auth: true, successStatus: 200,
  summary: 'Record BPASN\'s decision on a BANDING: the outcome moves the report\'s sanction (history kept) or, BATALKAN, dismisses the report.',
  params: AppealParams, body: AppealDecisionBody, response: AppealDecisionResult,
  refusals: { 409: 'No sanction is in force, the appeal is an objection (the PPK decides it through its link), or the appeal is no longer open' },
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, regions, directory, workflow: stepFunctions('startExecution') } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await recordAppealDecision(deps, regionId, params.id, params.appealId, body)),
);
