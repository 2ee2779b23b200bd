// Task ContinueInNewExecution: starts the report's next execution (from its current status) before this one
// meets Step Functions' limits.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { stepFunctions } from '#lib/aws/step-functions';
import { ReportRef, stepHandler } from '#lib/step';
import { runOf } from '#adapters/sfn/workflow';
import { continueWorkflow } from '#use-cases/reconcile';

const deps = dependencies({ reports, workflow: stepFunctions });
const Input = z.extend(ReportRef, { executionName: z.string().check(z.minLength(1)) });
export const handler = stepHandler(Input, ({ regionId, reportId, executionName }) => continueWorkflow(deps, { regionId, reportId, run: runOf(executionName) }));
