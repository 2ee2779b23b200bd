// Task {Opd,Bkpp,Ppk,Appeal}RequestDecision: one decision link for the step's approver, e-mailed.
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { mails } from '#lib/stores/mails';
import { ses } from '#lib/aws/ses';
import { linkSecret } from '#lib/aws/link-secret';
import * as z from 'zod/mini';
import { config } from '#lib/config';
import { StepRef, stepHandler } from '#lib/step';
import { requestDecision } from '#use-cases/decision-requests';

const deps = dependencies({ reports, directory, regions, decisions, mails, mailer: ses, links: linkSecret });
void deps.mailer; // fail at load, not at the first report, when the mailer's settings are missing
// The execution's name and start time (from the context object) tell it when to go on in a fresh execution.
const Input = z.extend(StepRef, { executionName: z.optional(z.string()), executionStartedAt: z.optional(z.string()), appealId: z.optional(z.string().check(z.regex(/^[0-9A-Z]{26}$/))) });
export const handler = stepHandler(Input, (input) => requestDecision(deps, input, config.executionLimits));
