// GET /v1/directory: the region's directory and settings (webhook secrets are never returned).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { getDirectory } from '#use-cases/directory';
import { Directory } from '#domain/directory.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'getDirectory', method: 'GET', path: '/v1/directory', auth: true, successStatus: 200,
  summary: "The region's directory and settings.", response: Directory,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'read', uses: { directory, regions } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId }) =>
  json(200, await getDirectory(deps, regionId)),
);
