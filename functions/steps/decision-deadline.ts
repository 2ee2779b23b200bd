// Task {Opd,Bkpp,Ppk}DeadlinePassed: OPD goes on to BKPP; BKPP and PPK escalate to the Sekda and ask again, and
// after the last escalation mark the report overdue (starting Bawaslu's report.overdue notice).
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { claims } from '#composition/stores/claims';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { mails } from '#composition/email-views';
import { ses } from '#composition/aws/ses';
import { stepFunctions } from '#composition/aws/step-functions';
import { StepRef, stepHandler } from '#lib/step';
import { decisionDeadline } from '#use-cases/deadlines';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, claims, directory, regions, decisions, mails, mailer: ses, workflow: stepFunctions('startExecution') } } as const satisfies Needs;
const deps = dependencies(needs);
export const handler = stepHandler(z.extend(StepRef, { decisionKey: z.string() }), (input) => decisionDeadline(deps, input));
