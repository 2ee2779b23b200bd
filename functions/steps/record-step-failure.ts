// Task RecordStepFailure: the timeline says a step failed after every retry, before WorkflowStepFailed.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { ReportRef, stepHandler } from '#lib/step';
import { recordStepFailure } from '#use-cases/workflow';

const deps = dependencies();
const Input = z.extend(ReportRef, { error: z.optional(z.string()), cause: z.optional(z.string()) });
export const handler = stepHandler(Input, (input) => recordStepFailure(deps, input));
