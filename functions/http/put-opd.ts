// PUT /v1/directory/opds/{opdId}: create or replace an OPD and its head.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { linkSecret } from '#lib/aws/link-secret';
import { ses } from '#lib/aws/ses';
import { putOpd } from '#use-cases/directory';
import { route } from './routes/put-opd.ts';

// A change of approver e-mails the new holder a link at once.
const deps = dependencies({ mailer: ses, links: linkSecret });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await putOpd(deps, regionId, params.opdId, body)),
);
