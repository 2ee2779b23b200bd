// GET /v1/guidance?category=: public, keyless; the guidance catalogue, all of it or one category's acts.
import { guidanceFor } from '#domain/guidance';
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { route } from './routes/get-guidance.ts';

export const handler = httpHandler(route, async ({ query }) => json(200, guidanceFor(query.category)));
