// POST /v1/reports/{id}/appeals: the employee's objection or appeal against the sanction, filed by the region (an
// objection starts its own execution: the PPK's decision link).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { stepFunctions } from '#lib/aws/step-functions';
import { fileAppeal } from '#use-cases/appeals';
import { route } from './routes/file-appeal.ts';

const deps = dependencies({ reports, regions, directory, workflow: stepFunctions });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(201, await fileAppeal(deps, regionId, params.id, body)),
);
