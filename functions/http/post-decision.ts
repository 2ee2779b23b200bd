// POST /decisions/{decisionId}: records the decision once and resumes the workflow; bad fields re-show the form.
import { InputError } from '#domain/errors';
import { httpHandler } from '#lib/http';
import { toHtmlProblem } from '#lib/problem-page';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { linkSecret } from '#composition/aws/link-secret';
import { stepFunctions } from '#composition/aws/step-functions';
import { openDecision, submitDecision } from '#use-cases/sanction/decisions';
import { decisionFormPage, decisionRecordedPage } from '#views/decision-page';
import * as z from 'zod/mini';
import { DECISION_LINK_REFUSALS, DecisionParams, DecisionQuery } from '#lib/request-shapes';
import type { Route } from '#lib/route';
import type { Needs } from '#composition/needs';

/** A form field of at most `max` characters, described for the document. */
const formField = (max: number, description: string) => z.optional(z.string().check(z.maxLength(max))).check(z.describe(description));
const DecisionFormBody = z
  .looseObject({
    outcome: formField(20, 'OPD: FORWARD|DISMISS; BKPP: RECOMMEND|DISMISS; PPK: IMPOSE|DISMISS'),
    level: formField(20, 'RECOMMEND and IMPOSE: MORAL, RINGAN, SEDANG, BERAT'),
    sanction: formField(40, 'RECOMMEND and IMPOSE: a sanction of the chosen level'),
    decreeNumber: formField(500, 'IMPOSE: the decree number (nomor SK)'),
    notes: formField(10_000, 'Required to DISMISS'),
  })
  .register(z.globalRegistry, { id: 'DecisionForm' });

export const route = {
  operationId: 'postDecision', method: 'POST', path: '/decisions/{decisionId}', auth: false, successStatus: 200, html: true,
  summary: 'Records the decision once and resumes the workflow (HTML form post). 400 re-shows the form; 409 used; 410 expired.',
  params: DecisionParams, query: DecisionQuery, body: DecisionFormBody, bodyType: 'form', maxBodyBytes: 32 * 1024,
  refusals: DECISION_LINK_REFUSALS,
} as const satisfies Route;

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, directory, regions, decisions, links: linkSecret, workflow: stepFunctions('resumeExecution') } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = httpHandler(route, async ({ params, query, body }) => {
  const link = { decisionId: params.decisionId, exp: query.exp, sig: query.sig };
  const form = body as Record<string, string | undefined>;
  try {
    return decisionRecordedPage(await submitDecision(deps, link, form));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return decisionFormPage(await openDecision(deps, link), { errors: error.errors, values: form });
  }
}, { errorPage: toHtmlProblem });
