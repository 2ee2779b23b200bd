// The national bodies' weekly digest (EventBridge Scheduler, Mondays 07:00 WIB): each body's contact gets its
// overdue recommendations grouped by region, once a week (its mark), none when nothing is overdue.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies } from '#composition/root';
import { regions } from '#composition/stores/regions';
import { national } from '#composition/stores/national';
import { mails } from '#composition/email-views';
import { ses } from '#composition/aws/ses';
import { logger } from '#lib/powertools';
import { sendNationalDigests } from '#use-cases/national-digest';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { regions, national, mails, mailer: ses } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    // A failure throws, so the invocation fails (its Errors alarm) and the schedule's retry sends what is unsent.
    const results = await sendNationalDigests(deps);
    logger.info('national weekly digest run', { results });
    return results;
  });
