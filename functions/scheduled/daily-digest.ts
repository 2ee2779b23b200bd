// The daily digest job (EventBridge Scheduler, every hour on the hour): each region's digest of the day before,
// once it is 07:00 in the region's zone; the once-per-day mark makes the other hours' runs do nothing.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies } from '#composition/root';
import { regions } from '#composition/stores/regions';
import { reports } from '#composition/stores/reports';
import { reportQueries } from '#composition/stores/report-queries';
import { digests } from '#composition/stores/digests';
import { directory } from '#composition/stores/directory';
import { mails } from '#composition/email-views';
import { ses } from '#composition/aws/ses';
import { logger } from '#lib/powertools';
import { scheduledDigest } from '#use-cases/digest';
import { remindUndeliveredDecrees } from '#use-cases/delivery-reminders';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { regions, reports, reportQueries, digests, directory, mails, mailer: ses } } as const satisfies Needs;
const deps = dependencies(needs);

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
