// Every workflow step's module, by its file name (the ASL's `${StartReviewFunctionArn}` names start-review): its
// declaration of needs and its handler. The stack reads it for each step's function and grants (infra/needs.ts), and
// local mode's runner invokes each step's handler from it (composition/local.ts), so a step is found the same way in
// both. Like the route table it imports every step, so no Lambda code imports it but local mode, at run time.
// test/infra/needs.test.ts checks it lists every file of functions/steps/.
import type { Needs } from '#composition/needs';
import type { StepFunction } from '#lib/step';
import * as awaitDecision from './await-decision.ts';
import * as continueWorkflow from './continue-workflow.ts';
import * as decisionDeadline from './decision-deadline.ts';
import * as notifyBawaslu from './notify-bawaslu.ts';
import * as recordNoticeFailure from './record-notice-failure.ts';
import * as recordStepFailure from './record-step-failure.ts';
import * as requestDecision from './request-decision.ts';
import * as sendReminder from './send-reminder.ts';
import * as startReview from './start-review.ts';

/** What the stack reads of each step (a test stack may bring fixture steps of its own). */
export type StepModules = ReadonlyMap<string, { needs: Needs }>;

export const STEP_MODULES: ReadonlyMap<string, { needs: Needs; handler: StepFunction }> = new Map<string, { needs: Needs; handler: StepFunction }>([
  ['await-decision', awaitDecision],
  ['continue-workflow', continueWorkflow],
  ['decision-deadline', decisionDeadline],
  ['notify-bawaslu', notifyBawaslu],
  ['record-notice-failure', recordNoticeFailure],
  ['record-step-failure', recordStepFailure],
  ['request-decision', requestDecision],
  ['send-reminder', sendReminder],
  ['start-review', startReview],
]);
