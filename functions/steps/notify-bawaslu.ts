// Tasks NotifyBawaslu (a closed report: the e-mail, then the webhook) and CallNoticeWebhook (report.received,
// report.overdue, or a national action's e-mail and webhook): tell Bawaslu; throw so Retry applies.
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { mails } from '#composition/email-views';
import { webhooks } from '#composition/webhook-sender';
import { ses } from '#composition/aws/ses';
import { ReportRef, stepHandler } from '#lib/step';
import { nationalActionOf, NoticeName } from '#domain/notices';
import { notifyBawaslu } from '#use-cases/sanction/shared/bawaslu-notices';
import { notifyNationalAction } from '#use-cases/sanction/shared/national-action-notices';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, directory, regions, mails, webhooks, mailer: ses } } as const satisfies Needs;
const deps = dependencies(needs);
export const handler = stepHandler(z.extend(ReportRef, { event: z.optional(NoticeName) }), (input) => {
  // A national action's notice (one per action): its e-mail to the PPK and agency, then its webhook.
  const actionId = input.event ? nationalActionOf(input.event) : null;
  return actionId ? notifyNationalAction(deps, { regionId: input.regionId, reportId: input.reportId, actionId }) : notifyBawaslu(deps, input);
});
