// Bawaslu notices that failed for good (their step spent every retry): recordNoticeFailure marks each, and the
// reconciler delivers it again on every run until it goes out, then takes the mark away. No notice silently dies.
import type { Dependencies } from '#ports';
import { NotFoundError } from '#domain/errors';
import { nationalActionOf, type FailedNotice } from '#domain/notices';
import { notifyBawaslu } from './notices.ts';
import { notifyNationalAction } from './national-notices.ts';

type Deps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'claims' | 'failedNotices' | 'directory' | 'regions' | 'mailer' | 'mails' | 'markSent' | 'webhooks'>;

/** How long one delivery may take (the webhook's 10 s, SES, the marks riding out a short outage): the claim's lease. */
export const REDELIVERY_LEASE_MS = 120_000;

/** The claim one delivery holds, so two reconciler runs at once (a retried invocation) never both send. */
export const redeliveryClaim = (notice: FailedNotice) => `redeliver:${notice.event}`;

export interface Redelivery {
  /** Delivered now, and unmarked. */
  delivered: FailedNotice[];
  /** Tried and failed again (the dependency is still out, or the contact is wrong): tried again next run. */
  failing: number;
  /** False when the budget ran out before every mark was tried. */
  complete: boolean;
}

/** One pass over the region's failed notices, oldest first, within the run's pages and time. Each is sent as its
 *  step sends it (each part once: the marks the step writes are the ones that make a repeat a no-op). */
export async function redeliverFailedNotices(
  deps: Deps, regionId: string, bounds: { stopAt: number; pageSize: number; pageLimit: number; pages: { used: number } },
): Promise<Redelivery> {
  const result: Redelivery = { delivered: [], failing: 0, complete: true };
  let cursor: string | undefined;
  do {
    if (bounds.pages.used >= bounds.pageLimit || Date.now() >= bounds.stopAt) return { ...result, complete: false };
    bounds.pages.used++;
    const page = await deps.failedNotices.list(regionId, { limit: bounds.pageSize, cursor });
    for (const notice of page.items) {
      if (Date.now() >= bounds.stopAt) return { ...result, complete: false };
      const outcome = await redeliver(deps, notice);
      if (outcome === 'delivered') result.delivered.push(notice);
      else if (outcome === 'failing') result.failing++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return result;
}

/** Sends one failed notice again under a claim: delivered (and unmarked), failing (tried next run), or nothing to do
 *  (another run holds it; its report is gone, and so is the mark). */
async function redeliver(deps: Deps, notice: FailedNotice): Promise<'delivered' | 'failing' | 'none'> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const claim = redeliveryClaim(notice);
  if (!(await deps.claims.claim(notice.regionId, notice.reportId, claim, at, new Date(now.getTime() + REDELIVERY_LEASE_MS).toISOString()))) {
    return 'none'; // another run delivers it right now
  }
  try {
    const ref = { regionId: notice.regionId, reportId: notice.reportId };
    const actionId = nationalActionOf(notice.event);
    if (actionId) await notifyNationalAction(deps, { ...ref, actionId });
    else await notifyBawaslu(deps, { ...ref, event: notice.event });
  } catch (error) {
    if (error instanceof NotFoundError && !(await deps.reports.get(notice.regionId, notice.reportId))) {
      await deps.failedNotices.clear(notice); // its report is gone: nothing left to tell
      return 'none';
    }
    deps.log.warn('a failed Bawaslu notice is still not delivered; the next reconciler run tries again', {
      regionId: notice.regionId, reportId: notice.reportId, event: notice.event, error: (error as Error).name,
    });
    // The send ended: the next run may try at once (a release that fails leaves the lease to run out).
    await deps.claims.release(notice.regionId, notice.reportId, claim, at).catch(() => undefined);
    return 'failing';
  }
  await deps.failedNotices.clear(notice);
  return 'delivered';
}
