// PUT /v1/directory/settings: reminder and deadline durations per workflow step.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { config } from '#lib/config';
import { putSettings } from '#use-cases/directory';
import { PutSettingsBody, SettingsChange } from '#domain/directory.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'putSettings', method: 'PUT', path: '/v1/directory/settings', auth: true, successStatus: 200,
  summary: 'Reminder and deadline durations (ISO 8601) per workflow step; a step left out keeps its value. Answers the settings now in force.',
  body: SettingsChange, response: PutSettingsBody,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { directory, regions } } as const satisfies Needs;
const deps = dependencies(needs);

// In AWS a deadline is at least an hour (shorter ones exist for local demos).
const minDeadlineSeconds = () => (config().mode === 'aws' ? 3600 : 1);

export const handler = httpHandler(route, async ({ regionId, body }) =>
  json(200, await putSettings(deps, regionId, body, minDeadlineSeconds())),
);
