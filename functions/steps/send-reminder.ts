// Task {Opd,Bkpp,Ppk}SendReminder: the same link again while the decision is pending.
import * as z from 'zod/mini';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { claims } from '#composition/stores/claims';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { mails } from '#composition/email-views';
import { ses } from '#composition/aws/ses';
import { linkSecret } from '#composition/aws/link-secret';
import { StepRef, stepHandler } from '#lib/step';
import { sendReminder } from '#use-cases/deadlines';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, claims, directory, regions, decisions, mails, mailer: ses, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);
export const handler = stepHandler(z.extend(StepRef, { decisionKey: z.string(), deadlineAt: z.optional(z.string()) }), (input) => sendReminder(deps, input));
