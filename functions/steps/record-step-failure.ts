// Task RecordStepFailure: the timeline says a step failed after every retry, before WorkflowStepFailed.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { mails } from '#lib/stores/mails';
import { webhooks } from '#lib/stores/webhooks';
import { ReportRef, stepHandler } from '#lib/step';
import { recordStepFailure } from '#use-cases/workflow';

const deps = dependencies({ reports, directory, regions, decisions, mails, webhooks });
const Input = z.extend(ReportRef, { error: z.optional(z.string()), cause: z.optional(z.string()) });
export const handler = stepHandler(Input, (input) => recordStepFailure(deps, input));
