// GET /health: 200 when the table answers a read, 503 when it does not.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { config } from '#lib/config';
import { dependencies } from '#composition/root';
import * as z from 'zod/mini';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

const Health = z.object({ status: z.literal('ok') }).register(z.globalRegistry, { id: 'Health' });

export const route = {
  operationId: 'health', method: 'GET', path: '/health', auth: false, successStatus: 200,
  summary: '200 when ready.', response: Health,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: {  } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async () => {
  await deps.dynamo.doc.send(new GetCommand({ TableName: config().tableName, Key: { PK: 'HEALTH', SK: 'HEALTH' } }));
  return json(200, { status: 'ok' });
});
