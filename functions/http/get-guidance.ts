// GET /v1/guidance?category=: public, keyless; the guidance catalogue, all of it or one category's acts.
import { guidanceFor } from '#domain/guidance';
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { GuidanceCatalogue, GuidanceQuery } from '#domain/guidance.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getGuidance', method: 'GET', path: '/v1/guidance', auth: false, successStatus: 200,
  summary: 'Public: the guidance catalogue (prohibited acts with their sanction paths and legal basis, and what an ASN may do).',
  query: GuidanceQuery, response: GuidanceCatalogue,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'none', uses: {} } as const satisfies Needs;

export const handler = httpHandler(route, async ({ query }) => json(200, guidanceFor(query.category)));
