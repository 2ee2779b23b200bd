// The reconciler: finds every open report whose workflow execution is not running (never started, failed,
// timed out, aborted) through the status index, and brings it back: a redrive where Step Functions allows it,
// else a fresh execution, which begins at the report's current status. Run per region on a schedule (AWS:
// EventBridge Scheduler every 5 minutes; npm start: every NETRA_RECONCILE_SECONDS), bounded by a page limit
// and a time budget; and at once for a client's retry of an accepted report (submitReport).
import type { Dependencies } from '#ports';
import type { ExecutionStatus } from '#domain/executions';
import { TransitionConflict } from '#domain/errors';
import type { ReportStatus } from '#domain/codes';
import type { StoredReport } from '#domain/report.schema';
import { isClosed } from '#domain/workflow';
import { applyApproverChanges } from './approver-changes.ts';
import { openAppeal, type Appeal } from '#domain/appeals';
import { nextObjectionRun } from './appeals.ts';
import { currentRecord } from './step-support.ts';
import { handOverIfChanged } from './hand-overs.ts';
import { redeliverFailedNotices } from './failed-notices.ts';

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

/** How a report's workflow was brought back. */
export interface Repair {
  regionId: string;
  reportId: string;
  /** REDRIVEN: Step Functions' redrive from the failed state; STARTED: its execution had never started;
   *  RESTARTED: a fresh execution (the next run) from the report's current status. */
  how: 'REDRIVEN' | 'STARTED' | 'RESTARTED';
  was: ExecutionStatus['state'];
}

const HOW = {
  REDRIVEN: 'dilanjutkan dari langkah yang gagal / redriven from the failed step',
  STARTED: 'dimulai (belum pernah berjalan) / started (it had never run)',
  RESTARTED: 'dijalankan ulang dari status saat ini / started again from its current status',
} as const;

/** Brings one open report's workflow back when its execution is not running; null when nothing was needed. */
export async function repairWorkflow(deps: Deps, report: StoredReport): Promise<Repair | null> {
  if (isClosed(report.status)) return null;
  const run = report.workflowRun ?? 0;
  const ref = { regionId: report.regionId, reportId: report.id, run };
  const status = await deps.workflow.describe(ref);
  if (status.state === 'RUNNING') return null;
  const at = deps.clock.now().toISOString();
  const entry = (how: Repair['how']) => ({
    at, actor: 'SYSTEM', action: 'WORKFLOW_REPAIRED', status: report.status,
    note: `Alur kerja ${HOW[how]} (${status.state}${status.error ? `: ${status.error}` : ''}) / the workflow was repaired`,
  });
  let how: Repair['how'];
  if (status.redrivable) {
    how = 'REDRIVEN';
    await deps.workflow.redrive(ref);
  } else if (status.state === 'NONE') {
    how = 'STARTED';
    await deps.workflow.start(ref);
  } else {
    // The next run is recorded first, then started: if the start fails, the next reconciler run finds that
    // run missing and starts it (same name, so never twice).
    how = 'RESTARTED';
    try {
      await deps.reports.transition({ report, from: report.status, at, workflowRun: run + 1, timeline: [entry(how)] });
    } catch (error) {
      if (error instanceof TransitionConflict) return null; // it moved meanwhile: something runs it; look again next time
      throw error;
    }
    await deps.workflow.start({ ...ref, run: run + 1 });
    return { regionId: report.regionId, reportId: report.id, how, was: status.state };
  }
  try {
    await deps.reports.transition({ report, from: report.status, at, timeline: [entry(how)] });
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error; // moved on already: the repaired execution is at work
  }
  return { regionId: report.regionId, reportId: report.id, how, was: status.state };
}

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

/** Bawaslu notices that failed for good, delivered again (failed-notices.ts). */
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

/** One reconciler run over the given regions (every region when none are named). */
export async function reconcile(
  deps: RunDeps, budget: ReconcileBudget = RECONCILE_BUDGET, regionIds?: string[],
): Promise<ReconcileResult> {
  const stopAt = Date.now() + budget.timeBudgetMs;
  const pages = { used: 0 };
  const result: ReconcileResult = { regions: 0, checked: 0, repairs: [], errors: 0, notices: { delivered: 0, failing: 0 }, complete: true };
  for (const regionId of regionIds ?? (await deps.regions.listIds())) {
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
    if (!result.complete) break;
  }
  return result;
}
