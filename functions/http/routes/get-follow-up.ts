// GET /v1/national/follow-up: the route get-follow-up.ts serves, listed in ../routes.ts.
import { FollowUp, FollowUpQuery } from '#domain/national.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getFollowUp', method: 'GET', path: '/v1/national/follow-up', auth: true, national: true, successStatus: 200,
  summary: "Every region's follow-up of recommendations, worst on-time rate first (counts only); Accept: text/csv for CSV, text/html for a printable page with a bar chart.",
  query: FollowUpQuery, response: FollowUp, htmlAlternative: true, csvAlternative: true,
} as const satisfies Route;
