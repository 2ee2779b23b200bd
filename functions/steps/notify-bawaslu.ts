// Tasks EmailBawaslu and CallBawasluWebhook: tell Bawaslu how a closed report ended; throw so Retry applies.
import * as z from 'zod';
import { dependencies } from '#lib/dependencies';
import { ses } from '#lib/aws/ses';
import { ReportRef, stepHandler } from '#lib/step';
import { notifyBawaslu } from '#use-cases/workflow';

const deps = dependencies({ mailer: ses });
void deps.mailer;
export const handler = stepHandler(ReportRef.extend({ channel: z.enum(['email', 'webhook']) }), (input) => notifyBawaslu(deps, input));
