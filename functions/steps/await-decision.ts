// Task {Opd,Bkpp,Ppk}AwaitDecision[AfterReminder] (.waitForTaskToken): keeps the token on the decision record, or
// fails the wait at once with ContinueInNewExecution when RequestDecision answered `continue`.
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { decisions } from '#composition/stores/decisions';
import { stepFunctions } from '#composition/aws/step-functions';
import { StepRef, stepHandler } from '#lib/step';
import { awaitDecision } from '#use-cases/sanction/decision-requests';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { decisions, workflow: stepFunctions('resumeExecution') } } as const satisfies Needs;
const deps = dependencies(needs);
const Input = z.extend(StepRef, {
  taskToken: z.string().check(z.minLength(1)),
  // Empty when RequestDecision answered `continue`: there is no link to wait on.
  decisionKey: z.string().check(z.regex(/^([0-9a-f]{64})?$/)),
  until: z.string(),
  continue: z.optional(z.boolean()),
});
export const handler = stepHandler(Input, (input) => awaitDecision(deps, input));
