// GET /v1/satgas/risks?electionId=&status=: the vulnerability map as JSON, or with Accept: text/html as a
// printable page with an SVG heat map.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { wantsHtml } from '#lib/accept';
import { dependencies } from '#lib/dependencies';
import { regions } from '#lib/stores/regions';
import { directory } from '#lib/stores/directory';
import { satgas } from '#lib/stores/satgas';
import { riskMap, riskMapPage } from '#use-cases/vulnerability-map';
import { riskMapPage as renderPage } from '#views/vulnerability-page';
import { route } from './routes/get-satgas-risks.ts';

const deps = dependencies({ regions, directory, satgas });

export const handler = httpHandler(route, async ({ regionId, query, headers }) =>
  wantsHtml(headers.accept)
    ? renderPage({ ...(await riskMapPage(deps, regionId, query)), generatedAt: deps.clock.now() })
    : json(200, await riskMap(deps, regionId, query)),
);
