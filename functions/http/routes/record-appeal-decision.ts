// POST /v1/reports/{id}/appeals/{appealId}/decision: the route record-appeal-decision.ts serves, listed in ../routes.ts.
import * as z from 'zod/mini';
import { AppealDecisionBody, AppealParams, APPEAL_STATUSES, SanctionRecord } from '#domain/appeals';
import { REPORT_STATUSES } from '#domain/codes';
import type { Route } from '#lib/route';

export const AppealDecisionResult = z
  .object({ appealId: z.string(), status: z.enum(APPEAL_STATUSES), reportStatus: z.enum(REPORT_STATUSES), sanction: z.nullable(SanctionRecord) })
  .register(z.globalRegistry, { id: 'AppealDecisionResult' });

export const route = {
  operationId: 'recordAppealDecision', method: 'POST', path: '/v1/reports/{id}/appeals/{appealId}/decision', auth: true, successStatus: 200,
  summary: 'Record BPASN\'s decision on a BANDING: the outcome moves the report\'s sanction (history kept) or, BATALKAN, dismisses the report.',
  params: AppealParams, body: AppealDecisionBody, response: AppealDecisionResult,
} as const satisfies Route;
