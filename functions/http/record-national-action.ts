// POST /v1/national/recommendations/{regionId}/{id}/actions: a national action recorded once on the report's
// timeline and its notice execution started (e-mail to the PPK and agency, Bawaslu's webhook); 201 with the action,
// the same answer for a retry of it (same kind and letter number).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { stepFunctions } from '#composition/aws/step-functions';
import { recordNationalAction } from '#use-cases/national';
import { NationalAction, NationalActionBody, RecommendationParams } from '#domain/national.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'recordNationalAction', method: 'POST', path: '/v1/national/recommendations/{regionId}/{id}/actions', auth: true, national: true, successStatus: 201,
  summary: "What the body did about its recommendation (TEGURAN; BKN only BLOKIR_DATA, BUKA_BLOKIR): on the report's timeline, e-mailed to the PPK and agency, sent to Bawaslu's webhook.",
  params: RecommendationParams, body: NationalActionBody, response: NationalAction,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, workflow: stepFunctions('startExecution') } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ nationalBody, params, body }) => {
  const { action } = await recordNationalAction(deps, { body: nationalBody!, regionId: params.regionId, id: params.id, action: body });
  return json(201, action);
});
