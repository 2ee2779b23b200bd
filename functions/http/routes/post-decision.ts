// POST /decisions/{decisionId}: the route post-decision.ts serves, listed in ../routes.ts.
import * as z from 'zod/mini';
import { DecisionParams, DecisionQuery } from './common.ts';
import type { Route } from '#lib/route';

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
} as const satisfies Route;
