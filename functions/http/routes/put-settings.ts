// PUT /v1/directory/settings: the route put-settings.ts serves, listed in ../routes.ts.
import { PutSettingsBody, SettingsChange } from '#domain/directory.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'putSettings', method: 'PUT', path: '/v1/directory/settings', auth: true, successStatus: 200,
  summary: 'Reminder and deadline durations (ISO 8601) per workflow step; a step left out keeps its value. Answers the settings now in force.',
  body: SettingsChange, response: PutSettingsBody,
} as const satisfies Route;
