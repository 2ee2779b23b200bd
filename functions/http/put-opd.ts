// PUT /v1/directory/opds/{opdId}: create or replace an OPD and its head.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { mails } from '#lib/stores/mails';
import { webhooks } from '#lib/stores/webhooks';
import { linkSecret } from '#lib/aws/link-secret';
import { ses } from '#lib/aws/ses';
import { putOpd } from '#use-cases/directory';
import { OpdParams, Opd, PutOpdBody } from '#domain/directory.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'putOpd', method: 'PUT', path: '/v1/directory/opds/{opdId}', auth: true, successStatus: 200,
  summary: 'Create or replace an OPD and its head.', params: OpdParams, body: PutOpdBody, response: Opd,
} as const satisfies Route;

// A change of approver e-mails the new holder a link at once.
const deps = dependencies({ reports, directory, regions, decisions, mails, webhooks, mailer: ses, links: linkSecret });

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await putOpd(deps, regionId, params.opdId, body)),
);
