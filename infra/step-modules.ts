// Every workflow step's module, by its handler file name (what the ASL's ${...Function} placeholders name): the
// stack reads each one's declaration of needs for its grants. test/infra/needs.test.ts checks the list is whole.
import type { Needs } from '../functions/composition/needs.ts';
import * as awaitDecision from '../functions/steps/await-decision.ts';
import * as continueWorkflow from '../functions/steps/continue-workflow.ts';
import * as decisionDeadline from '../functions/steps/decision-deadline.ts';
import * as notifyBawaslu from '../functions/steps/notify-bawaslu.ts';
import * as recordNoticeFailure from '../functions/steps/record-notice-failure.ts';
import * as recordStepFailure from '../functions/steps/record-step-failure.ts';
import * as requestDecision from '../functions/steps/request-decision.ts';
import * as sendReminder from '../functions/steps/send-reminder.ts';
import * as startReview from '../functions/steps/start-review.ts';

export type StepModules = ReadonlyMap<string, { needs: Needs }>;

export const STEP_MODULES: StepModules = new Map<string, { needs: Needs }>([
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
