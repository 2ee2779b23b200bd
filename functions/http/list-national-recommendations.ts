// GET /v1/national/recommendations: the calling body's recommendations across regions, from its own index.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { national } from '#composition/stores/national';
import { listRecommendations } from '#use-cases/national';
import { ListRecommendationsQuery, RecommendationPage } from '#domain/national.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'listNationalRecommendations', method: 'GET', path: '/v1/national/recommendations', auth: true, national: true, successStatus: 200,
  summary: "The calling body's own recommendations in every region, newest first (no reporter, description or notes).",
  query: ListRecommendationsQuery, response: RecommendationPage,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { national } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ nationalBody, query }) => json(200, await listRecommendations(deps, nationalBody!, query)));
