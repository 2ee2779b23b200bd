// Tasks NotifyBawaslu (a closed report: the e-mail, then the webhook) and CallNoticeWebhook (report.received or
// report.overdue): tell Bawaslu; throw so Retry applies.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { mails } from '#lib/stores/mails';
import { webhooks } from '#lib/stores/webhooks';
import { ses } from '#lib/aws/ses';
import { ReportRef, stepHandler } from '#lib/step';
import { WEBHOOK_EVENTS } from '#domain/notices';
import { notifyBawaslu } from '#use-cases/notices';

const deps = dependencies({ reports, directory, regions, mails, webhooks, mailer: ses });
export const handler = stepHandler(z.extend(ReportRef, { event: z.optional(z.enum(WEBHOOK_EVENTS)) }), (input) => notifyBawaslu(deps, input));
