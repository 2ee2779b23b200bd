// Task RecordStepFailure: the timeline says a step failed after every retry, before WorkflowStepFailed.
import * as z from 'zod';
import { dependencies } from '#lib/dependencies';
import { ReportRef, stepHandler } from '#lib/step';
import { recordStepFailure } from '#use-cases/workflow';

const deps = dependencies();
const Input = ReportRef.extend({ error: z.string().optional(), cause: z.string().optional() });
export const handler = stepHandler(Input, (input) => recordStepFailure(deps, input));
