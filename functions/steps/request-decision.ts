// Task {Opd,Bkpp,Ppk,Appeal}RequestDecision: one decision link for the step's approver, e-mailed.
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { claims } from '#composition/stores/claims';
import { mails } from '#composition/email-views';
import { ses } from '#composition/aws/ses';
import { linkSecret } from '#composition/aws/link-secret';
import * as z from 'zod/mini';
import { config } from '#lib/config';
import { StepRef, stepHandler } from '#lib/step';
import { requestDecision } from '#use-cases/sanction/decision-requests';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, directory, regions, decisions, claims, mails, mailer: ses, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);
// The execution's name and start time (from the context object) tell it when to go on in a fresh execution.
const Input = z.extend(StepRef, { executionName: z.optional(z.string()), executionStartedAt: z.optional(z.string()), appealId: z.optional(z.string().check(z.regex(/^[0-9A-Z]{26}$/))) });
export const handler = stepHandler(Input, (input) => requestDecision(deps, input, config().executionLimits));
