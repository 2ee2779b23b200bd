// GET /v1/guidance: the route get-guidance.ts serves, listed in ../routes.ts.
import { GuidanceCatalogue, GuidanceQuery } from '#domain/guidance.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getGuidance', method: 'GET', path: '/v1/guidance', auth: false, successStatus: 200,
  summary: 'Public: the guidance catalogue (prohibited acts with their sanction paths and legal basis, and what an ASN may do).',
  query: GuidanceQuery, response: GuidanceCatalogue,
} as const satisfies Route;
