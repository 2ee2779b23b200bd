// Task {Opd,Bkpp,Ppk}AwaitDecision[AfterReminder] (.waitForTaskToken): keeps the token on the decision record, or
// fails the wait at once with ContinueInNewExecution when RequestDecision answered `continue`.
import * as z from 'zod';
import { dependencies } from '#lib/dependencies';
import { stepFunctions } from '#lib/aws/step-functions';
import { StepRef, stepHandler } from '#lib/step';
import { awaitDecision } from '#use-cases/decision-requests';

const deps = dependencies({ workflow: stepFunctions });
void deps.workflow;
const Input = StepRef.extend({
  taskToken: z.string().min(1),
  // Empty when RequestDecision answered `continue`: there is no link to wait on.
  decisionKey: z.string().regex(/^([0-9a-f]{64})?$/),
  until: z.string(),
  continue: z.boolean().optional(),
});
export const handler = stepHandler(Input, (input) => awaitDecision(deps, input));
