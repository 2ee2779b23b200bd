// Task StartReview: starts the report.received notice; skips the OPD review for a recommendation, a conflict of
// interest or an OPD without a head e-mail.
import { dependencies } from '#lib/dependencies';
import { stepFunctions } from '#lib/aws/step-functions';
import { ReportRef, stepHandler } from '#lib/step';
import { startReview } from '#use-cases/workflow';

const deps = dependencies({ workflow: stepFunctions });
export const handler = stepHandler(ReportRef, (input) => startReview(deps, input));
