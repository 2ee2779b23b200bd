// Tasks EmailBawaslu, CallBawasluWebhook and CallNoticeWebhook: tell Bawaslu; throw so Retry applies.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { ses } from '#lib/aws/ses';
import { ReportRef, stepHandler } from '#lib/step';
import { WEBHOOK_EVENTS } from '#domain/notices';
import { notifyBawaslu } from '#use-cases/workflow';

const deps = dependencies({ mailer: ses });
void deps.mailer;
export const handler = stepHandler(z.extend(ReportRef, { channel: z.enum(['email', 'webhook']), event: z.optional(z.enum(WEBHOOK_EVENTS)) }), (input) => notifyBawaslu(deps, input));
