// Task {Opd,Bkpp,Ppk}RequestDecision: one decision link for the step's approver, e-mailed.
import { dependencies } from '#lib/dependencies';
import { ses } from '#lib/aws/ses';
import { linkSecret } from '#lib/aws/link-secret';
import { StepRef, stepHandler } from '#lib/step';
import { requestDecision } from '#use-cases/workflow';

const deps = dependencies({ mailer: ses, links: linkSecret });
void deps.mailer; // fail at load, not at the first report, when the mailer's settings are missing
export const handler = stepHandler(StepRef, (input) => requestDecision(deps, input));
