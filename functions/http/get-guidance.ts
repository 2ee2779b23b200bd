// GET /v1/guidance?category=: public, keyless; the guidance catalogue, all of it or one category's acts.
import { guidanceFor } from '#domain/guidance';
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { routes } from './routes.ts';

export const handler = httpHandler(routes.getGuidance, async ({ query }) => json(200, guidanceFor(query.category)));
