// PUT /v1/satgas/risks/{riskId}: mark a risk handled or open again, with a note.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { satgas } from '#lib/stores/satgas';
import { setRiskStatus } from '#use-cases/satgas';
import { route } from './routes/put-satgas-risk.ts';

const deps = dependencies({ satgas });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await setRiskStatus(deps, regionId, params.riskId, body)),
);
