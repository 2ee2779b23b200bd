// Task {Opd,Bkpp,Ppk}SendReminder: the same link again while the decision is pending.
import * as z from 'zod/mini';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { mails } from '#lib/stores/mails';
import { ses } from '#lib/aws/ses';
import { linkSecret } from '#lib/aws/link-secret';
import { StepRef, stepHandler } from '#lib/step';
import { sendReminder } from '#use-cases/deadlines';

const deps = dependencies({ reports, directory, regions, decisions, mails, mailer: ses, links: linkSecret });
export const handler = stepHandler(z.extend(StepRef, { decisionKey: z.string(), deadlineAt: z.optional(z.string()) }), (input) => sendReminder(deps, input));
