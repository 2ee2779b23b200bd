// GET /v1/compliance?electionId=: per OPD, Ikrar ceremonies held, signatories and coverage.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { directory } from '#lib/stores/directory';
import { ceremonies } from '#lib/stores/ceremonies';
import { satgas } from '#lib/stores/satgas';
import { getCompliance } from '#use-cases/ceremonies';
import { Compliance, ComplianceQuery } from '#domain/ceremony.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getCompliance', method: 'GET', path: '/v1/compliance', auth: true, successStatus: 200,
  summary: 'Per OPD: Ikrar ceremonies held, signatories and coverage of the headcount, for one election.',
  query: ComplianceQuery, response: Compliance,
} as const satisfies Route;

const deps = dependencies({ directory, ceremonies, satgas });

export const handler = httpHandler(route, async ({ regionId, query }) =>
  json(200, await getCompliance(deps, regionId, query.electionId)),
);
