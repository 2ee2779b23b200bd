// Task {Opd,Bkpp,Ppk}DeadlinePassed: OPD goes on to BKPP; BKPP and PPK escalate to the Sekda and ask again, and
// after the last escalation mark the report overdue (starting Bawaslu's report.overdue notice).
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { mails } from '#lib/stores/mails';
import { ses } from '#lib/aws/ses';
import { stepFunctions } from '#lib/aws/step-functions';
import { StepRef, stepHandler } from '#lib/step';
import { decisionDeadline } from '#use-cases/deadlines';

const deps = dependencies({ reports, directory, regions, decisions, mails, mailer: ses, workflow: stepFunctions });
export const handler = stepHandler(z.extend(StepRef, { decisionKey: z.string() }), (input) => decisionDeadline(deps, input));
