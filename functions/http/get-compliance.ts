// GET /v1/compliance?electionId=: per OPD, Ikrar ceremonies held, signatories and coverage.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { directory } from '#composition/stores/directory';
import { ceremonies } from '#composition/stores/ceremonies';
import { satgas } from '#composition/stores/satgas';
import { getCompliance } from '#use-cases/ceremonies';
import { Compliance, ComplianceQuery } from '#domain/ceremony.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getCompliance', method: 'GET', path: '/v1/compliance', auth: true, successStatus: 200,
  summary: 'Per OPD: Ikrar ceremonies held, signatories and coverage of the headcount, for one election.',
  query: ComplianceQuery, response: Compliance,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { directory, ceremonies, satgas } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await getCompliance(deps, regionId, query.electionId)),
);
