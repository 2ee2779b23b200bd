// POST /v1/ceremonies/{id}/signatories: up to 1,000 rows; good rows stored, bad rows returned by index.
import { httpHandler } from '#lib/http';
import { HttpError, json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { ceremonies } from '#composition/stores/ceremonies';
import { directory } from '#composition/stores/directory';
import { MAX_SIGNATORIES_PER_REQUEST } from '#domain/ceremony.schema';
import { fieldError, message } from '#domain/messages';
import { addSignatories } from '#use-cases/ceremonies';
import { AddSignatoriesBody, AddSignatoriesResult, CeremonyParams } from '#domain/ceremony.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'addSignatories', method: 'POST', path: '/v1/ceremonies/{id}/signatories', auth: true, successStatus: 200,
  summary: 'Add up to 1,000 signatories; bad rows come back by index, employees who already signed count as duplicates.',
  params: CeremonyParams, body: AddSignatoriesBody, response: AddSignatoriesResult,
  // 1,000 rows of the longest valid fields fit in about 700 KB.
  maxBodyBytes: 1024 * 1024,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { ceremonies, directory } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, body }) => {
  if (body.signatories.length > MAX_SIGNATORIES_PER_REQUEST) {
    const n = body.signatories.length;
    throw new HttpError(413, 'Payload Too Large', message(`Kirim paling banyak ${MAX_SIGNATORIES_PER_REQUEST} baris per permintaan`, `send at most ${MAX_SIGNATORIES_PER_REQUEST} rows per request`), {
      errors: [fieldError('signatories', message(`${n} baris; maksimal ${MAX_SIGNATORIES_PER_REQUEST}`, `${n} rows; at most ${MAX_SIGNATORIES_PER_REQUEST}`))],
    });
  }
  return json(200, await addSignatories(deps, regionId, params.id, body.signatories));
});
