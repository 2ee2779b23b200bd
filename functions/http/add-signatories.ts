// POST /v1/ceremonies/{id}/signatories: up to 1,000 rows; good rows stored, bad rows returned by index.
import { httpHandler } from '#lib/http';
import { HttpError, json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { MAX_SIGNATORIES_PER_REQUEST } from '#domain/ceremony.schema';
import { addSignatories } from '#use-cases/ceremonies';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.addSignatories, async ({ regionId, params, body }) => {
  if (body.signatories.length > MAX_SIGNATORIES_PER_REQUEST) {
    throw new HttpError(413, 'Payload Too Large', `Kirim paling banyak ${MAX_SIGNATORIES_PER_REQUEST} baris per permintaan / send at most ${MAX_SIGNATORIES_PER_REQUEST} rows per request.`, {
      errors: [{ path: 'signatories', message: `${body.signatories.length} baris; maksimal ${MAX_SIGNATORIES_PER_REQUEST} / ${body.signatories.length} rows; at most ${MAX_SIGNATORIES_PER_REQUEST}` }],
    });
  }
  return json(200, await addSignatories(deps, regionId, params.id, body.signatories));
});
