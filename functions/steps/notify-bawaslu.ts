// Tasks NotifyBawaslu (a closed report: the e-mail, then the webhook) and CallNoticeWebhook (report.received,
// report.overdue, or a national action's e-mail and webhook): tell Bawaslu; throw so Retry applies.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { mails } from '#lib/stores/mails';
import { webhooks } from '#lib/stores/webhooks';
import { ses } from '#lib/aws/ses';
import { ReportRef, stepHandler } from '#lib/step';
import { nationalActionOf, NoticeName } from '#domain/notices';
import { notifyBawaslu } from '#use-cases/notices';
import { notifyNationalAction } from '#use-cases/national-notices';

const deps = dependencies({ reports, directory, regions, mails, webhooks, mailer: ses });
void deps.mailer;
export const handler = stepHandler(z.extend(ReportRef, { event: z.optional(NoticeName) }), (input) => {
  // A national action's notice (one per action): its e-mail to the PPK and agency, then its webhook.
  const actionId = input.event ? nationalActionOf(input.event) : null;
  return actionId ? notifyNationalAction(deps, { regionId: input.regionId, reportId: input.reportId, actionId }) : notifyBawaslu(deps, input);
});
