// The retention purge (EventBridge Scheduler, daily at 02:00 WIB): each region's closed reports and ceremonies past
// their period lose their personal data (use-cases/retention.ts); a run is idempotent, so a retried or doubled one erases nothing twice.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies } from '#composition/root';
import { regions } from '#composition/stores/regions';
import { reports } from '#composition/stores/reports';
import { reportQueries } from '#composition/stores/report-queries';
import { directory } from '#composition/stores/directory';
import { ceremonies } from '#composition/stores/ceremonies';
import { linkSecret } from '#composition/aws/link-secret';
import { logger } from '#lib/powertools';
import { runRetention } from '#use-cases/retention';
import type { Needs } from '#composition/needs';

/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { regions, reports, reportQueries, directory, ceremonies, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const erased = new Map<string, { reports: number; ceremonies: number }>();
    let failed = 0;
    for (const regionId of await deps.regions.listIds()) {
      try {
        const result = await runRetention(deps, regionId);
        erased.set(regionId, { reports: result.reports.erased, ceremonies: result.ceremonies.erased });
      } catch (error) {
        failed++;
        logger.error('retention purge failed for a region; the next daily run tries again', { regionId, error: error as Error });
      }
    }
    // Counts only: the ids of erased reports are on their timelines (PERSONAL_DATA_ERASED).
    logger.info('retention purge run', { erased: Object.fromEntries(erased) });
    if (failed) throw new Error(`${failed} region purge(s) failed`);
  });
