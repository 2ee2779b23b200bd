// The national bodies' weekly digest (EventBridge Scheduler, Mondays 07:00 WIB): each body's contact gets its
// overdue recommendations grouped by region, once a week (its mark), none when nothing is overdue.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies } from '#lib/dependencies';
import { regions } from '#lib/stores/regions';
import { national } from '#lib/stores/national';
import { mails } from '#lib/stores/mails';
import { ses } from '#lib/aws/ses';
import { logger } from '#lib/powertools';
import { sendNationalDigests } from '#use-cases/national-notices';

const runtime = dependencies({ regions, national, mails, mailer: ses });
const deps = { clock: runtime.clock, regions: runtime.regions, national: runtime.national, get mailer() { return runtime.mailer; }, mails: runtime.mails };

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    // A failure throws, so the invocation fails (its Errors alarm) and the schedule's retry sends what is unsent.
    const results = await sendNationalDigests(deps);
    logger.info('national weekly digest run', { results });
    return results;
  });
