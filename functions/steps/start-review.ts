// Task StartReview, the first state: a notice execution goes to its webhook, an objection's to the PPK's link; a report's own execution tells
// Bawaslu it was received and resumes at the report's status (skipping the OPD review for a recommendation, a
// conflict of interest or an OPD without a head e-mail).
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { claims } from '#composition/stores/claims';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { mails } from '#composition/email-views';
import { webhooks } from '#composition/webhook-sender';
import { stepFunctions } from '#composition/aws/step-functions';
import { ReportRef, stepHandler } from '#lib/step';
import { NoticeName } from '#domain/notices';
import { startReview } from '#use-cases/workflow';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, claims, directory, regions, decisions, mails, webhooks, workflow: stepFunctions('startExecution') } } as const satisfies Needs;
const deps = dependencies(needs);
export const handler = stepHandler(z.extend(ReportRef, { notice: z.optional(NoticeName), appealId: z.optional(z.string().check(z.regex(/^[0-9A-Z]{26}$/))) }), (input) => startReview(deps, input));
