// Every workflow step's module, by its handler file name (what the ASL's ${...Function} placeholders name): the
// stack reads each one's declaration of needs for its grants. test/infra/needs.test.ts checks the list is whole.
import type { Needs } from '#composition/needs';
import * as awaitDecision from './await-decision.ts';
import * as continueWorkflow from './continue-workflow.ts';
import * as decisionDeadline from './decision-deadline.ts';
import * as notifyBawaslu from './notify-bawaslu.ts';
import * as recordNoticeFailure from './record-notice-failure.ts';
import * as recordStepFailure from './record-step-failure.ts';
import * as requestDecision from './request-decision.ts';
import * as sendReminder from './send-reminder.ts';
import * as startReview from './start-review.ts';

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
