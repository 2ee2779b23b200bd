// GET /v1/national/follow-up?electionId=: every region's follow-up as JSON, CSV (Accept: text/csv, formulas
// neutralised) or a printable page (Accept: text/html); one small counters item a region, never a report.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { csvLines } from '#lib/csv';
import { dependencies } from '#lib/dependencies';
import { national } from '#lib/stores/national';
import { getFollowUp } from '#use-cases/national';
import { followUpPage, followUpRows } from '#views/follow-up-page';
import { route } from './routes/get-follow-up.ts';

const deps = dependencies({ national });

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
