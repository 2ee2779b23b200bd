// GET /v1/national/follow-up?electionId=: every region's follow-up as JSON, CSV (Accept: text/csv, formulas
// neutralised) or a printable page (Accept: text/html); one small counters item a region, never a report.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { csvLines } from '#lib/csv';
import { dependencies } from '#composition/root';
import { national } from '#composition/stores/national';
import { getFollowUp } from '#use-cases/national';
import { followUpPage, followUpRows } from '#views/follow-up-page';
import { FollowUp, FollowUpQuery } from '#domain/national.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getFollowUp', method: 'GET', path: '/v1/national/follow-up', auth: true, national: true, successStatus: 200,
  summary: "Every region's follow-up of recommendations, worst on-time rate first (counts only); Accept: text/csv for CSV, text/html for a printable page with a bar chart.",
  query: FollowUpQuery, response: FollowUp, htmlAlternative: true, csvAlternative: true,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { national } } as const satisfies Needs;
const deps = dependencies(needs);

/** The first of text/csv and text/html the Accept names; curl's and most clients' (*\/*, application/json) get JSON. */
function wanted(accept = ''): 'csv' | 'html' | 'json' {
  for (const part of accept.split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    if (type === 'text/csv') return 'csv';
    if (type === 'text/html') return 'html';
  }
  return 'json';
}

export const handler = httpHandler(route, async ({ query, headers }) => {
  const followUp = await getFollowUp(deps, query.electionId);
  const as = wanted(headers.accept);
  if (as === 'html') return followUpPage(followUp);
  if (as === 'csv') {
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="netra-follow-up-${query.electionId}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: csvLines(followUpRows(followUp)),
    };
  }
  return json(200, followUp);
});
