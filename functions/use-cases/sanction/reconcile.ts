// The reconciler: finds every open report whose execution is not running (never started, failed, timed out,
// aborted) through the status index, and brings it back (shared/execution-repair.ts); then, per region, approver
// changes, failed notices and objections' executions. Run per region on a schedule (AWS: EventBridge Scheduler every
// 5 minutes; npm start: every NETRA_RECONCILE_SECONDS), bounded by a page limit and a time budget. Also the step
// ContinueInNewExecution (continueWorkflow).
import type { Dependencies } from '#ports';
import type { ReportStatus } from '#domain/codes';
import type { StoredReport } from '#domain/report.schema';
import { repairWorkflow, type Repair } from './shared/execution-repair.ts';
import { applyApproverChanges } from './shared/approver-changes.ts';
import { openAppeal, type Appeal } from '#domain/appeals';
import { nextObjectionRun } from './shared/appeal-changes.ts';
import { currentRecord } from './shared/step-support.ts';
import { handOverIfChanged } from './shared/hand-overs.ts';
import { redeliverFailedNotices } from './shared/failed-notices.ts';

type Deps = Pick<Dependencies, 'clock' | 'reports' | 'workflow'>;
// A region's run also applies approver changes (the directory, the decision records, the link key, the mailer) and
// delivers Bawaslu notices that failed for good (the webhook sender).
type RunDeps = Deps & Pick<Dependencies, 'reportQueries' | 'claims' | 'failedNotices' | 'log' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'mails' | 'links' | 'markSent' | 'webhooks'>;

/** The statuses of an open report, each a partition of the status index (GSI2). */
export const OPEN_STATUSES = ['RECEIVED', 'AWAITING_OPD_REVIEW', 'AWAITING_BKPP_ASSESSMENT', 'AWAITING_PPK_DECISION'] as const satisfies readonly ReportStatus[];

export interface ReconcileBudget {
  /** Index pages read in one run, over every region (a page is `pageSize` reports). */
  pageLimit: number;
  pageSize: number;
  /** Wall time of one run; what is left over waits for the next run. */
  timeBudgetMs: number;
  /** A report changed this recently is left alone: its execution may be starting right now. */
  graceSeconds: number;
}
export const RECONCILE_BUDGET: ReconcileBudget = { pageLimit: 200, pageSize: 25, timeBudgetMs: 60_000, graceSeconds: 60 };

/** The workflow task ContinueInNewExecution: the report's next run begins at its current status, before this
 *  execution meets Step Functions' limits. The run is recorded before it starts (see repairWorkflow). */
export async function continueWorkflow(deps: Deps, input: { regionId: string; reportId: string; run: number }) {
  const found = await deps.reports.get(input.regionId, input.reportId);
  if (!found) return { continued: false };
  const { report } = found;
  const next = input.run + 1;
  if ((report.workflowRun ?? 0) < next) {
    const at = deps.clock.now().toISOString();
    await deps.reports.transition({
      report, from: report.status, at, workflowRun: next,
      timeline: [{ at, actor: 'SYSTEM', action: 'WORKFLOW_CONTINUED', status: report.status, note: 'Alur kerja dilanjutkan dalam eksekusi baru / the workflow goes on in a fresh execution' }],
    });
  }
  await deps.workflow.start({ regionId: input.regionId, reportId: input.reportId, run: next });
  return { continued: true, run: next };
}

export interface RegionRun {
  deps: RunDeps;
  regionId: string;
  budget: ReconcileBudget;
  /** Epoch ms when this run must stop starting work. */
  stopAt: number;
  pages: { used: number };
  checked: number;
  repairs: Repair[];
  errors: number;
  /** Failed notices delivered now, and those tried that failed again. */
  notices: { delivered: number; failing: number };
}

/** Open reports of the region, status by status, page by page, within the run's budget. */
async function repairWorkflows(run: RegionRun): Promise<boolean> {
  const { deps, regionId, budget } = run;
  const cutoff = deps.clock.now().getTime() - budget.graceSeconds * 1000;
  for (const status of OPEN_STATUSES) {
    let cursor: string | undefined;
    do {
      if (run.pages.used >= budget.pageLimit || Date.now() >= run.stopAt) return false;
      run.pages.used++;
      const page = await deps.reportQueries.listByStatus(regionId, status, { limit: budget.pageSize, cursor });
      for (const report of page.items) {
        if (Date.now() >= run.stopAt) return false;
        if (new Date(report.updatedAt).getTime() > cutoff) continue;
        run.checked++;
        try {
          const repair = await repairWorkflow(deps, report);
          if (repair) run.repairs.push(repair);
        } catch {
          run.errors++; // the next run tries again; one report's trouble does not stop the others
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return true;
}

/** Objections waiting for the PPK (step APPEAL, ADR 0303) on the region's sanctioned reports, page by page within
 *  the run's budget: an objection's execution that is not running is brought back (a redrive, else its next run),
 *  and its link goes to whoever holds the PPK role today. An execution that SUCCEEDED with its objection open
 *  ended because its link lapsed long after decideBy: left alone. */
async function repairObjections(run: RegionRun): Promise<boolean> {
  const { deps, regionId, budget } = run;
  const cutoff = deps.clock.now().getTime() - budget.graceSeconds * 1000;
  let cursor: string | undefined;
  do {
    if (run.pages.used >= budget.pageLimit || Date.now() >= run.stopAt) return false;
    run.pages.used++;
    const page = await deps.reportQueries.listByStatus(regionId, 'SANCTIONED', { limit: budget.pageSize, cursor });
    for (const report of page.items) {
      if (Date.now() >= run.stopAt) return false;
      const objection = openAppeal(report.appeals);
      if (objection?.kind !== 'KEBERATAN' || new Date(report.updatedAt).getTime() > cutoff) continue;
      run.checked++;
      try {
        const repair = await repairObjection(deps, report, objection);
        if (repair) run.repairs.push(repair);
        const record = report.pendingDecision ? await currentRecord(deps, report.pendingDecision) : null;
        if (record?.step === 'APPEAL' && record.appealId === objection.id && record.status === 'PENDING' && deps.clock.now() < new Date(record.expiresAt)) {
          await handOverIfChanged(deps, report, record);
        }
      } catch {
        run.errors++;
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return true;
}

async function repairObjection(deps: RunDeps, report: StoredReport, objection: Appeal): Promise<Repair | null> {
  const run = objection.workflowRun ?? 0;
  const ref = { regionId: report.regionId, reportId: report.id, appealId: objection.id, run };
  const status = await deps.workflow.describe(ref);
  if (status.state === 'RUNNING' || status.state === 'SUCCEEDED') return null;
  const repaired = (how: Repair['how']): Repair => ({ regionId: report.regionId, reportId: report.id, how, was: status.state });
  if (status.redrivable) {
    await deps.workflow.redrive(ref);
    return repaired('REDRIVEN');
  }
  if (status.state === 'NONE') {
    await deps.workflow.start(ref);
    return repaired('STARTED');
  }
  // The next run is recorded on the objection first, then started (same name, so never twice).
  if (!(await nextObjectionRun(deps, report.regionId, report.id, objection.id, run, `${status.state}${status.error ? `: ${status.error}` : ''}`))) return null;
  await deps.workflow.start({ ...ref, run: run + 1 });
  return repaired('RESTARTED');
}

/** Acting periods that started or ended: waiting steps go to whoever holds the role today. */
async function approverChanges(run: RegionRun): Promise<boolean> {
  const result = await applyApproverChanges(run.deps, run.regionId, { stopAt: run.stopAt });
  run.errors += result.failed;
  return result.complete;
}

/** Bawaslu notices that failed for good, delivered again (shared/failed-notices.ts). */
async function failedNotices(run: RegionRun): Promise<boolean> {
  const result = await redeliverFailedNotices(run.deps, run.regionId, { stopAt: run.stopAt, pageSize: run.budget.pageSize, pageLimit: run.budget.pageLimit, pages: run.pages });
  run.notices.delivered += result.delivered.length;
  run.notices.failing += result.failing;
  return result.complete;
}

/** What the reconciler does for each region, in order (the objections last: they page through every sanctioned
 *  report, and must not starve the notices). Each returns false when the budget ran out first. */
export const REGION_TASKS: Array<(run: RegionRun) => Promise<boolean>> = [repairWorkflows, approverChanges, failedNotices, repairObjections];

export interface ReconcileResult {
  regions: number;
  checked: number;
  repairs: Repair[];
  errors: number;
  /** Bawaslu notices that had failed for good: delivered by this run, and still failing. */
  notices: { delivered: number; failing: number };
  /** False when the page limit or the time budget stopped the run before every region was done. */
  complete: boolean;
}

/** Where the caller's next run begins: kept by whoever runs the reconciler again and again (the scheduled
 *  function's module, `npm start`), so that a run the budget stops is followed by one that begins with the region
 *  it did not reach. Without it, regions late in the list would wait for as long as the ones before them fill the
 *  budget (the fourth soak hour: 157 hand-overs never e-mailed in the later regions). */
export interface ReconcileCursor {
  /** The region the next run begins with; unknown (a fresh process) means one the clock picks. */
  next?: string;
}

/** The regions in the order this run visits them: from the cursor's region round to the one before it. */
function inTurn(regionIds: string[], cursor: ReconcileCursor | undefined, now: Date): string[] {
  if (!cursor || regionIds.length < 2) return regionIds;
  const sorted = [...regionIds].sort();
  let start = cursor.next === undefined ? -1 : sorted.indexOf(cursor.next);
  // A fresh process (a cold start in AWS): a minute-by-minute pick, so no region is always first or always last.
  if (start < 0) start = Math.floor(now.getTime() / 60_000) % sorted.length;
  return [...sorted.slice(start), ...sorted.slice(0, start)];
}

/** One reconciler run over the given regions (every region when none are named). With a cursor, the run begins
 *  where the last one left off and leaves the cursor at the region after the last one it finished. */
export async function reconcile(
  deps: RunDeps, budget: ReconcileBudget = RECONCILE_BUDGET, regionIds?: string[], cursor?: ReconcileCursor,
): Promise<ReconcileResult> {
  const stopAt = Date.now() + budget.timeBudgetMs;
  const pages = { used: 0 };
  const result: ReconcileResult = { regions: 0, checked: 0, repairs: [], errors: 0, notices: { delivered: 0, failing: 0 }, complete: true };
  const order = inTurn(regionIds ?? (await deps.regions.listIds()), cursor, deps.clock.now());
  // A run that finishes every region still moves the start on by one, so the first region's tasks never sit
  // first in every run.
  if (cursor && order.length > 1) cursor.next = order[1];
  for (const [index, regionId] of order.entries()) {
    const run: RegionRun = { deps, regionId, budget, stopAt, pages, checked: 0, repairs: [], errors: 0, notices: { delivered: 0, failing: 0 } };
    for (const task of REGION_TASKS) {
      if (!(await task(run))) result.complete = false;
    }
    result.regions++;
    result.checked += run.checked;
    result.repairs.push(...run.repairs);
    result.errors += run.errors;
    result.notices.delivered += run.notices.delivered;
    result.notices.failing += run.notices.failing;
    if (!result.complete) {
      // The region this run stopped in waits its turn again; the next run begins with the ones it did not reach.
      if (cursor && order.length > 1) cursor.next = order[(index + 1) % order.length];
      break;
    }
  }
  return result;
}
