// POST /v1/reports/{id}/decree-delivery: the route record-decree-delivery.ts serves, listed in ../routes.ts.
import { DecreeDeliveryBody, SanctionRecord } from '#domain/appeals';
import { ReportParams } from '#domain/report.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'recordDecreeDelivery', method: 'POST', path: '/v1/reports/{id}/decree-delivery', auth: true, successStatus: 200,
  summary: 'Record when the employee received the sanction decree: the sanction gains deliveredAt, appealBy (14 working days) and effectiveAt.',
  params: ReportParams, body: DecreeDeliveryBody, response: SanctionRecord,
} as const satisfies Route;
