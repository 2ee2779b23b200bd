// GET /v1/directory: the region's directory and settings (webhook secrets are never returned).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#lib/dependencies';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { getDirectory } from '#use-cases/directory';
import { Directory } from '#domain/directory.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'getDirectory', method: 'GET', path: '/v1/directory', auth: true, successStatus: 200,
  summary: "The region's directory and settings.", response: Directory,
} as const satisfies Route;

const deps = dependencies({ directory, regions });

export const handler = httpHandler(route, async ({ regionId }) =>
  json(200, await getDirectory(deps, regionId)),
);
