// PUT /v1/directory/opds/{opdId}: create or replace an OPD and its head.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { reportQueries } from '#composition/stores/report-queries';
import { claims } from '#composition/stores/claims';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { mails } from '#composition/email-views';
import { webhooks } from '#composition/webhook-sender';
import { linkSecret } from '#composition/aws/link-secret';
import { ses } from '#composition/aws/ses';
import { putOpd } from '#use-cases/directory';
import { OpdParams, Opd, PutOpdBody } from '#domain/directory.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'putOpd', method: 'PUT', path: '/v1/directory/opds/{opdId}', auth: true, successStatus: 200,
  summary: 'Create or replace an OPD and its head.', params: OpdParams, body: PutOpdBody, response: Opd,
} as const satisfies Route;

// A change of approver e-mails the new holder a link at once.
/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, reportQueries, claims, directory, regions, decisions, mails, webhooks, mailer: ses, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await putOpd(deps, regionId, params.opdId, body)),
);
