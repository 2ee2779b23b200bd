// GET /decisions/{decisionId}: the decision page. It changes nothing, however often mail scanners open it.
import { httpHandler } from '#lib/http';
import { toHtmlProblem } from '#lib/problem-page';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { linkSecret } from '#lib/aws/link-secret';
import { openDecision } from '#use-cases/decisions';
import { decisionFormPage } from '#views/decision-page';
import { DecisionParams, DecisionQuery } from '#lib/request-shapes';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getDecision', method: 'GET', path: '/decisions/{decisionId}', auth: false, successStatus: 200, html: true,
  summary: 'The decision page an approver opens from an e-mail (HTML). Changes nothing.', params: DecisionParams, query: DecisionQuery,
} as const satisfies Route;

const deps = dependencies({ reports, directory, regions, decisions, links: linkSecret });

export const handler = httpHandler(route, async ({ params, query }) =>
  decisionFormPage(await openDecision(deps, { decisionId: params.decisionId, exp: query.exp, sig: query.sig })),
{ errorPage: toHtmlProblem });
