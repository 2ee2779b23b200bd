// Task {Opd,Bkpp,Ppk}AwaitDecision[AfterReminder] (.waitForTaskToken): keeps the token on the decision record, or
// fails the wait at once with ContinueInNewExecution when RequestDecision answered `continue`.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { decisions } from '#lib/stores/decisions';
import { stepFunctions } from '#lib/aws/step-functions';
import { StepRef, stepHandler } from '#lib/step';
import { awaitDecision } from '#use-cases/decision-requests';

const deps = dependencies({ decisions, workflow: stepFunctions });
const Input = z.extend(StepRef, {
  taskToken: z.string().check(z.minLength(1)),
  // Empty when RequestDecision answered `continue`: there is no link to wait on.
  decisionKey: z.string().check(z.regex(/^([0-9a-f]{64})?$/)),
  until: z.string(),
  continue: z.optional(z.boolean()),
});
export const handler = stepHandler(Input, (input) => awaitDecision(deps, input));
