// GET /v1/national/recommendations: the route list-national-recommendations.ts serves, listed in ../routes.ts.
import { ListRecommendationsQuery, RecommendationPage } from '#domain/national.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'listNationalRecommendations', method: 'GET', path: '/v1/national/recommendations', auth: true, national: true, successStatus: 200,
  summary: "The calling body's own recommendations in every region, newest first (no reporter, description or notes).",
  query: ListRecommendationsQuery, response: RecommendationPage,
} as const satisfies Route;
