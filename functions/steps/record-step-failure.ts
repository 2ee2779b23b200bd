// Task RecordStepFailure: the timeline says a step failed after every retry, before WorkflowStepFailed.
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { mails } from '#composition/email-views';
import { webhooks } from '#composition/webhook-sender';
import { ReportRef, stepHandler } from '#lib/step';
import { recordStepFailure } from '#use-cases/sanction/step-failures';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, directory, regions, decisions, mails, webhooks } } as const satisfies Needs;
const deps = dependencies(needs);
const Input = z.extend(ReportRef, { error: z.optional(z.string()), cause: z.optional(z.string()) });
export const handler = stepHandler(Input, (input) => recordStepFailure(deps, input));
