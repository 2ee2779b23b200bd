// PUT /v1/directory/contacts: the BKPP, PPK, Bawaslu and Sekda contacts of the region.
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
import { putContacts } from '#use-cases/directory';
import * as z from 'zod/mini';
import { PutContactsBody } from '#domain/directory.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

const Ok = z.object({ ok: z.literal(true) }).register(z.globalRegistry, { id: 'Ok' });

export const route = {
  operationId: 'putContacts', method: 'PUT', path: '/v1/directory/contacts', auth: true, successStatus: 200,
  summary: 'Set the BKPP, PPK, Bawaslu and (optional) Sekda contacts.', body: PutContactsBody, response: Ok,
} as const satisfies Route;

// A change of approver e-mails the new holder a link at once.
/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, reportQueries, claims, directory, regions, decisions, mails, webhooks, mailer: ses, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, body }) => {
  await putContacts(deps, regionId, body);
  return json(200, { ok: true });
});
