// POST /v1/reports/{id}/reporter/unseal: the reporter's identity, opened on the record (timeline, PPK e-mail, access log).
import { httpHandler } from '#lib/http';
import { json } from '#lib/problem';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { regions } from '#composition/stores/regions';
import { directory } from '#composition/stores/directory';
import { mails } from '#composition/email-views';
import { accessLog } from '#composition/stores/access-log';
import { recordAccess } from '#lib/access-log';
import { ses } from '#composition/aws/ses';
import { kmsSeal } from '#composition/aws/kms-seal';
import { unsealReporter } from '#use-cases/personal-data';
import { ReportParams } from '#domain/report.schema';
import { UnsealBody, UnsealResult } from '#domain/personal-data.schema';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

export const route = {
  operationId: 'unsealReporter', method: 'POST', path: '/v1/reports/{id}/reporter/unseal', auth: true, successStatus: 200,
  summary: "Open the reporter's sealed identity for a reason (at least 20 characters): written to the timeline (REPORTER_UNSEALED, the key, the reason) and e-mailed to the PPK (never the identity).",
  params: ReportParams, body: UnsealBody, response: UnsealResult, maxBodyBytes: 4 * 1024,
  refusals: { 409: "The region's PPK contact is not set (the PPK is told of every unsealing)" },
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, regions, directory, mails, accessLog, mailer: ses, seal: kmsSeal('unseal') } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async (input) => {
  const unsealed = await unsealReporter(deps, { regionId: input.regionId, keyId: input.keyId, reportId: input.params.id, reason: input.body.reason });
  await recordAccess(deps, route, input, { reportId: input.params.id });
  return json(200, unsealed);
});
