// PUT /v1/satgas/risks/{riskId}: mark a risk handled or open again, with a note.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { setRiskStatus } from '#use-cases/satgas';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.putSatgasRisk, async ({ regionId, params, body }) =>
  json(200, await setRiskStatus(deps, regionId, params.riskId, body)),
);
