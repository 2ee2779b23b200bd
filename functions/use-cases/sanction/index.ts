// The sanction workflow (workflows/sanction.asl.json: one execution per report, one per objection, one per notice):
// everything it offers, by who runs it. Each entry is a use case (ADR 0115); what they compose is in shared/.
// A table of contents, not a door: handlers import the file that holds their use case, since a bundle that came in
// through this index would carry every listed module's module-level work (4 to 36 KB more a function, measured).
// test/unit/sanction-index.test.ts keeps this list equal to what the handlers, steps and jobs import (ADR 0116).

// The steps, one Lambda function each (functions/steps/<file>.ts), named by the Task states that run them:
// StartReview;
export { startReview } from './start-review.ts';
// <Step>RequestDecision, then <Step>AwaitDecision and <Step>AwaitDecisionAfterReminder (Opd, Bkpp, Ppk, Appeal);
export { requestDecision, awaitDecision } from './decision-requests.ts';
// <Step>SendReminder and <Step>DeadlinePassed;
export { sendReminder, decisionDeadline } from './deadlines.ts';
// NotifyBawaslu, AppealNotifyBawaslu and CallNoticeWebhook (a national action's notice included);
export { notifyBawaslu } from './shared/bawaslu-notices.ts';
export { notifyNationalAction } from './shared/national-action-notices.ts';
// ContinueInNewExecution;
export { continueWorkflow } from './reconcile.ts';
// RecordStepFailure, and RecordNoticeFailure, RecordEventNoticeFailure, RecordAppealNoticeFailure.
export { recordStepFailure, recordNoticeFailure } from './step-failures.ts';

// The decision links an approver opens from an e-mail (GET and POST /decisions/{decisionId}).
export { openDecision, submitDecision } from './decisions.ts';

// What the region records after the sanction: POST /v1/reports/{id}/decree-delivery, /appeals and
// /appeals/{appealId}/decision.
export { recordDecreeDelivery, fileAppeal, recordAppealDecision } from './appeals.ts';

// The scheduled jobs: the reconciler (every 5 minutes) and the daily scan of sanctioned reports (beside the digest).
export { reconcile, RECONCILE_BUDGET } from './reconcile.ts';
export { remindUndeliveredDecrees } from './delivery-reminders.ts';
