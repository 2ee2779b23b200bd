// POST /v1/ceremonies/{id}/signatories: the route add-signatories.ts serves, listed in ../routes.ts.
import { AddSignatoriesBody, AddSignatoriesResult, CeremonyParams } from '#domain/ceremony.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'addSignatories', method: 'POST', path: '/v1/ceremonies/{id}/signatories', auth: true, successStatus: 200,
  summary: 'Add up to 1,000 signatories; bad rows come back by index, employees who already signed count as duplicates.',
  params: CeremonyParams, body: AddSignatoriesBody, response: AddSignatoriesResult,
  // 1,000 rows of the longest valid fields fit in about 700 KB.
  maxBodyBytes: 1024 * 1024,
} as const satisfies Route;
