// GET /decisions/{decisionId}: the decision page. It changes nothing, however often mail scanners open it.
import { httpHandler } from '#lib/http';
import { dependencies } from '#lib/dependencies';
import { openDecision } from '#use-cases/decisions';
import { decisionFormPage } from '#views/decision-page';
import { routes } from './routes.ts';

const deps = dependencies();

export const handler = httpHandler(routes.getDecision, async ({ params, query }) =>
  decisionFormPage(await openDecision(deps, { decisionId: params.decisionId, exp: query.exp, sig: query.sig })),
);
