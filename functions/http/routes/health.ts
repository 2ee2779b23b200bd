// GET /health: the route health.ts serves, listed in ../routes.ts.
import * as z from 'zod/mini';
import type { Route } from '#lib/route';

const Health = z.object({ status: z.literal('ok') }).register(z.globalRegistry, { id: 'Health' });

export const route = {
  operationId: 'health', method: 'GET', path: '/health', auth: false, successStatus: 200,
  summary: '200 when ready.', response: Health,
} as const satisfies Route;
