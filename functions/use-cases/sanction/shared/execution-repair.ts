// Brings a report's execution back when it is not running (never started, failed, timed out, aborted): a redrive
// where Step Functions allows it, else a fresh execution (the report's next run), which begins at the report's
// current status. Composed by the reconciler's run and by intake, at once, for a client's retry of an accepted report.
import type { Dependencies } from '#ports';
import type { ExecutionStatus } from '#domain/executions';
import { TransitionConflict } from '#domain/errors';
import type { StoredReport } from '#domain/report.schema';
import { isClosed } from '#domain/workflow';

type Deps = Pick<Dependencies, 'clock' | 'reports' | 'workflow'>;

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
