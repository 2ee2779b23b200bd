// GET /v1/satgas/risks?electionId=&status=: the vulnerability map as JSON, or with Accept: text/html as a
// printable page with an SVG heat map.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { wantsHtml } from '#lib/accept';
import { dependencies } from '#composition/root';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { satgas } from '#composition/stores/satgas';
import { riskMap, riskMapPage } from '#use-cases/vulnerability-map';
import { riskMapPage as renderPage } from '#views/vulnerability-page';
import { RiskMap, RiskMapQuery } from '#domain/vulnerability-map';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getSatgasRisks', method: 'GET', path: '/v1/satgas/risks', auth: true, successStatus: 200,
  summary: 'The vulnerability map: risks of one election by stage × category × level, and the risks; with Accept: text/html, a printable page with a heat map.',
  query: RiskMapQuery, response: RiskMap, htmlAlternative: true,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { regions, directory, satgas } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, query, headers }) =>
  wantsHtml(headers.accept)
    ? renderPage({ ...(await riskMapPage(deps, regionId, query)), generatedAt: deps.clock.now() })
    : json(200, await riskMap(deps, regionId, query)),
);
