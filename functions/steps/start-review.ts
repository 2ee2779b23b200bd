// Task StartReview, the first state: a notice execution goes to its webhook, an objection's to the PPK's link; a report's own execution tells
// Bawaslu it was received and resumes at the report's status (skipping the OPD review for a recommendation, a
// conflict of interest or an OPD without a head e-mail).
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { mails } from '#lib/stores/mails';
import { webhooks } from '#lib/stores/webhooks';
import { stepFunctions } from '#lib/aws/step-functions';
import { ReportRef, stepHandler } from '#lib/step';
import { NoticeName } from '#domain/notices';
import { startReview } from '#use-cases/workflow';

const deps = dependencies({ reports, directory, regions, decisions, mails, webhooks, workflow: stepFunctions });
export const handler = stepHandler(z.extend(ReportRef, { notice: z.optional(NoticeName), appealId: z.optional(z.string().check(z.regex(/^[0-9A-Z]{26}$/))) }), (input) => startReview(deps, input));
