// POST /decisions/{decisionId}: records the decision once and resumes the workflow; bad fields re-show the form.
import { InputError } from '#domain/errors';
import { httpHandler } from '#lib/http';
import { toHtmlProblem } from '#lib/problem-page';
import { dependencies } from '#lib/dependencies';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { regions } from '#lib/stores/regions';
import { decisions } from '#lib/stores/decisions';
import { linkSecret } from '#lib/aws/link-secret';
import { stepFunctions } from '#lib/aws/step-functions';
import { openDecision, submitDecision } from '#use-cases/decisions';
import { decisionFormPage, decisionRecordedPage } from '#views/decision-page';
import { route } from './routes/post-decision.ts';

const deps = dependencies({ reports, directory, regions, decisions, links: linkSecret, workflow: stepFunctions });

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
