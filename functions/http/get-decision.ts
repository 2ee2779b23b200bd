// GET /decisions/{decisionId}: the decision page. It changes nothing, however often mail scanners open it.
import { httpHandler } from '#lib/http';
import { toHtmlProblem } from '#lib/problem-page';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { linkSecret } from '#composition/aws/link-secret';
import { openDecision } from '#use-cases/sanction/decisions';
import { decisionFormPage } from '#views/decision-page';
import { DECISION_LINK_REFUSALS, DecisionParams, DecisionQuery } from '#lib/request-shapes';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getDecision', method: 'GET', path: '/decisions/{decisionId}', auth: false, successStatus: 200, html: true,
  summary: 'The decision page an approver opens from an e-mail (HTML). Changes nothing.', params: DecisionParams, query: DecisionQuery,
  refusals: DECISION_LINK_REFUSALS,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { reports, directory, regions, decisions, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ params, query }) =>
  decisionFormPage(await openDecision(deps, { decisionId: params.decisionId, exp: query.exp, sig: query.sig })),
{ errorPage: toHtmlProblem });
