// POST /v1/reports/{id}/appeals/{appealId}/decision: BPASN's decision on a BANDING, recorded by the region.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { stepFunctions } from '#lib/aws/step-functions';
import { recordAppealDecision } from '#use-cases/appeals';
import { route } from './routes/record-appeal-decision.ts';

const deps = dependencies({ reports, regions, directory, workflow: stepFunctions });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await recordAppealDecision(deps, regionId, params.id, params.appealId, body)),
);
