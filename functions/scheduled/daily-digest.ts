// The daily digest job (EventBridge Scheduler, every hour on the hour): each region's digest of the day before,
// once it is 07:00 in the region's zone; the once-per-day mark makes the other hours' runs do nothing.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies } from '#lib/dependencies';
import { regions } from '#lib/stores/regions';
import { reports } from '#lib/stores/reports';
import { directory } from '#lib/stores/directory';
import { mails } from '#lib/stores/mails';
import { ses } from '#lib/aws/ses';
import { logger } from '#lib/powertools';
import { scheduledDigest } from '#use-cases/digest';
import { remindUndeliveredDecrees } from '#use-cases/delivery-reminders';

const runtime = dependencies({ regions, reports, directory, mails, mailer: ses });
const deps = {
  clock: runtime.clock, regions: runtime.regions, reports: runtime.reports, directory: runtime.directory, get mailer() { return runtime.mailer; }, mails: runtime.mails,
  markSent: runtime.markSent,
};

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const results: Record<string, string> = {};
    let failed = 0;
    for (const regionId of await deps.regions.listIds()) {
      try {
        const result = await scheduledDigest(deps, regionId);
        results[regionId] = result ? (result.sent ? `sent ${result.date}` : result.reason) : 'not yet 07:00';
        // Decrees past their 14 working days undelivered: the agency is told once (scanned once a day per region).
        const reminders = await remindUndeliveredDecrees(deps, regionId);
        if (reminders?.reminded) results[`${regionId} decrees`] = `${reminders.reminded} reminded`;
        // Open appeals past decideBy: recorded and Bawaslu told, once each (the same scan).
        if (reminders?.appealDeadlines) results[`${regionId} appeals`] = `${reminders.appealDeadlines} past decideBy`;
      } catch (error) {
        failed++;
        logger.error('daily digest failed; the next hourly run tries again', { regionId, error: error as Error });
      }
    }
    logger.info('daily digest run', { results });
    // A failure makes the invocation fail, so its Errors alarm fires; the next run retries.
    if (failed) throw new Error(`${failed} region digest(s) failed`);
    return results;
  });
