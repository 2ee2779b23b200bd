// PUT /v1/directory/contacts: the route put-contacts.ts serves, listed in ../routes.ts.
import * as z from 'zod/mini';
import { PutContactsBody } from '#domain/directory.schema';
import type { Route } from '#lib/route';

const Ok = z.object({ ok: z.literal(true) }).register(z.globalRegistry, { id: 'Ok' });

export const route = {
  operationId: 'putContacts', method: 'PUT', path: '/v1/directory/contacts', auth: true, successStatus: 200,
  summary: 'Set the BKPP, PPK, Bawaslu and (optional) Sekda contacts.', body: PutContactsBody, response: Ok,
} as const satisfies Route;
