// GET /v1/national/recommendations: the calling body's recommendations across regions, from its own index.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { national } from '#lib/stores/national';
import { listRecommendations } from '#use-cases/national';
import { route } from './routes/list-national-recommendations.ts';

const deps = dependencies({ national });

export const handler = httpHandler(route, async ({ nationalBody, query }) => json(200, await listRecommendations(deps, nationalBody!, query)));
