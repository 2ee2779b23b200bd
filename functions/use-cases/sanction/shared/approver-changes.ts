// Approver changes over a region: when someone else holds the role of a waiting step (a directory PUT, an acting
// period starting or ending), the step is handed over (hand-overs.ts, handOverIfChanged): the old link stops, the new
// holder gets one, and the timeline says APPROVER_CHANGED.
import type { Dependencies } from '#ports';
import type { ReportStatus } from '#domain/codes';
import type { Step } from '#domain/workflow';
import { currentRecord } from './step-support.ts';
import { handOverIfChanged } from './hand-overs.ts';
import { eachLimited } from '#support/each-limited';

type Deps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'reportQueries' | 'claims' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'mails' | 'links' | 'markSent'>;

/** Waiting reports one run looks at per status, at most (100 per page). */
const MAX_PAGES = 50;
/** Reports of a page checked at once: each check is two or three reads, so a region's few hundred waiting reports
 *  take a second, not the reconciler's whole budget (the fourth soak hour: 300 one by one took 4-8 s of 10). */
const AT_ONCE = 8;

const WAITING: Array<[ReportStatus, Step]> = [
  ['AWAITING_OPD_REVIEW', 'OPD_REVIEW'],
  ['AWAITING_BKPP_ASSESSMENT', 'BKPP_ASSESSMENT'],
  ['AWAITING_PPK_DECISION', 'PPK_DECISION'],
];

/** Applies approver changes to the waiting reports of a region: the reconciler calls it for acting periods that
 *  start or end, and a directory PUT calls it at once. One report's failure does not stop the others; what failed
 *  is tried again by the next run. */
export async function applyApproverChanges(
  deps: Deps,
  regionId: string,
  only: { steps?: readonly Step[]; opdId?: string; stopAt?: number } = {},
): Promise<{ checked: number; changed: number; failed: number; complete: boolean }> {
  const result = { checked: 0, changed: 0, failed: 0, complete: true };
  const outOfTime = () => only.stopAt !== undefined && Date.now() >= only.stopAt;
  for (const [status, step] of WAITING) {
    if (only.steps && !only.steps.includes(step)) continue;
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, nextCursor } = await deps.reportQueries.list(regionId, { status, limit: 100, ...(cursor ? { cursor } : {}) });
      await eachLimited(items, AT_ONCE, async (summary) => {
        if (outOfTime()) {
          result.complete = false;
          return;
        }
        if (only.opdId && summary.employee.opdId !== only.opdId) return;
        try {
          const found = await deps.reports.get(regionId, summary.id);
          if (!found?.report.pendingDecision || found.report.status !== status) return;
          const record = await currentRecord(deps, found.report.pendingDecision);
          if (!record || record.step !== step || record.status !== 'PENDING' || deps.clock.now() >= new Date(record.expiresAt)) return;
          result.checked++;
          if ((await handOverIfChanged(deps, found.report, record)).changed) result.changed++;
        } catch (error) {
          result.failed++;
          deps.log.warn('approver change not applied; the next run tries again', { reportId: summary.id, error: error as Error });
        }
      });
      if (!result.complete) return result;
      if (!nextCursor) break;
      cursor = nextCursor;
    }
  }
  return result;
}
