// POST /v1/national/recommendations/{regionId}/{id}/actions: a national action recorded once on the report's
// timeline and its notice execution started (e-mail to the PPK and agency, Bawaslu's webhook); 201 with the action,
// the same answer for a retry of it (same kind and letter number).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { stepFunctions } from '#lib/aws/step-functions';
import { recordNationalAction } from '#use-cases/national';
import { route } from './routes/record-national-action.ts';

const deps = dependencies({ reports, workflow: stepFunctions });

export const handler = httpHandler(route, async ({ nationalBody, params, body }) => {
  const { action } = await recordNationalAction(deps, { body: nationalBody!, regionId: params.regionId, id: params.id, action: body });
  return json(201, action);
});
