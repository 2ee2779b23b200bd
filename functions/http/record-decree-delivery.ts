// POST /v1/reports/{id}/decree-delivery: when the employee received the sanction decree.
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { recordDecreeDelivery } from '#use-cases/sanction/appeals';
import { DecreeDeliveryBody, SanctionRecord } from '#domain/appeals';
import { ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'recordDecreeDelivery', method: 'POST', path: '/v1/reports/{id}/decree-delivery', auth: true, successStatus: 200,
  summary: 'Record when the employee received the sanction decree: the sanction gains deliveredAt, appealBy (14 working days) and effectiveAt.',
  params: ReportParams, body: DecreeDeliveryBody, response: SanctionRecord,
  refusals: { 409: 'No sanction is in force, or the delivery is already recorded' },
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, regions, directory } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ regionId, params, body }) =>
  json(200, await recordDecreeDelivery(deps, regionId, params.id, body)),
);
