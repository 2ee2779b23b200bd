// Task ContinueInNewExecution: starts the report's next execution (from its current status) before this one
// meets Step Functions' limits.
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { stepFunctions } from '#composition/aws/step-functions';
import { ReportRef, stepHandler } from '#lib/step';
import { runOf } from '#domain/executions';
import { continueWorkflow } from '#use-cases/sanction/reconcile';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, workflow: stepFunctions('startExecution') } } as const satisfies Needs;
const deps = dependencies(needs);
const Input = z.extend(ReportRef, { executionName: z.string().check(z.minLength(1)) });
export const handler = stepHandler(Input, ({ regionId, reportId, executionName }) => continueWorkflow(deps, { regionId, reportId, run: runOf(executionName) }));
