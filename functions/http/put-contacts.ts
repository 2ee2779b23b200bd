// PUT /v1/directory/contacts: the BKPP, PPK, Bawaslu and Sekda contacts of the region.
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
import { putContacts } from '#use-cases/directory';
import * as z from 'zod/mini';
import { PutContactsBody } from '#domain/directory.schema';
import type { Route } from '#lib/route';

const Ok = z.object({ ok: z.literal(true) }).register(z.globalRegistry, { id: 'Ok' });

export const route = {
  operationId: 'putContacts', method: 'PUT', path: '/v1/directory/contacts', auth: true, successStatus: 200,
  summary: 'Set the BKPP, PPK, Bawaslu and (optional) Sekda contacts.', body: PutContactsBody, response: Ok,
} as const satisfies Route;

// A change of approver e-mails the new holder a link at once.
const deps = dependencies({ reports, directory, regions, decisions, mails, webhooks, mailer: ses, links: linkSecret });

export const handler = httpHandler(route, async ({ regionId, body }) => {
  await putContacts(deps, regionId, body);
  return json(200, { ok: true });
});
