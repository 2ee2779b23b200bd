// Task StartReview: skips the OPD review for a conflict of interest or an OPD without a head e-mail.
import { dependencies } from '#lib/dependencies';
import { ReportRef, stepHandler } from '#lib/step';
import { startReview } from '#use-cases/workflow';

const deps = dependencies();
export const handler = stepHandler(ReportRef, (input) => startReview(deps, input));
