// Where a sanction workflow execution begins (StartReview: report.received, then the report's current status)
// and what it records when a step failed for good. Each step is safe to run again: Step Functions retries,
// and the local runner resumes after a restart. The other steps: decision-requests.ts, deadlines.ts, notices.ts.
import { TransitionConflict } from '#domain/errors';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';
import { deliveredEvent, type WebhookEvent } from '#domain/notices';
import { isClosed, opdReviewSkipReason, STEPS, type Step } from '#domain/workflow';
import type { Dependencies } from '#ports';
import { type Deps, type ReportRef, loadReport, note } from './step-support.ts';
import { notifyBawaslu } from './notices.ts';

/** Where an execution goes on from the report's current status: a new report's OPD review (or its skip for a
 *  conflict of interest or an OPD without a head e-mail, recorded with why); a report already further on (a
 *  repaired or continued execution) at its current step; a closed one at its Bawaslu notice. A notice
 *  execution goes to its webhook (WEBHOOK_NOTICE). */
export type ResumeAt = Step | 'NOTICE' | 'WEBHOOK_NOTICE';

/** First Task: decides where the execution begins. A report's own execution first tells Bawaslu it was received
 *  (see tellReceived), then resumes at the report's current status. */
export async function startReview(deps: Deps & Pick<Dependencies, 'claims'>, ref: ReportRef & { notice?: WebhookEvent | undefined; appealId?: string | undefined }): Promise<{ resumeAt: ResumeAt }> {
  if (ref.notice) return { resumeAt: 'WEBHOOK_NOTICE' };
  // An objection's own execution (ADR 0303): straight to the PPK's link; the report's closing stays as it was.
  if (ref.appealId) return { resumeAt: 'APPEAL' };
  const { report, timeline } = await loadReport(deps, ref);
  await tellReceived(deps, report, timeline);
  if (report.status !== 'RECEIVED') return { resumeAt: resumeAtOf(report.status) };
  const opd = await deps.directory.getOpd(report.regionId, report.employee.opdId);
  const reason = opdReviewSkipReason(report, opd);
  if (!reason) return { resumeAt: 'OPD_REVIEW' };
  try {
    await deps.reports.transition({
      report, from: 'RECEIVED', to: 'AWAITING_BKPP_ASSESSMENT', at: deps.clock.now().toISOString(),
      timeline: [{ at: deps.clock.now().toISOString(), actor: 'SYSTEM', action: 'OPD_REVIEW_SKIPPED', status: 'AWAITING_BKPP_ASSESSMENT', note: reason }],
    });
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error;
  }
  return { resumeAt: 'BKPP_ASSESSMENT' };
}

/** The claim that StartReview sends report.received inline: taken once per report, before the send. */
export const RECEIVED_INLINE = 'report.received-inline';

/** Bawaslu's report.received webhook. On the report's first run it is sent inline, once: the common case costs
 *  no execution of its own. When that attempt fails (the receiver down, slow or refused, or no contact) the
 *  event gets its own notice execution, with the closing notice's retries, failure record and alarm, so a
 *  failing receiver never holds the review up; a later run (repaired, continued) only makes sure that
 *  execution exists (starting it again is a no-op). The inline send is claimed first (RECEIVED_INLINE), so a
 *  retried StartReview (its first attempt sent, or started the notice execution, then failed on a later write)
 *  never sends beside that execution: one sender per report whatever runs twice. */
async function tellReceived(deps: Deps & Pick<Dependencies, 'claims'>, report: StoredReport, timeline: TimelineEntry[]): Promise<void> {
  if (deliveredEvent(timeline, 'report.received')) return;
  const ref = { regionId: report.regionId, reportId: report.id };
  if (report.status === 'RECEIVED' && await deps.claims.claim(report.regionId, report.id, RECEIVED_INLINE, deps.clock.now().toISOString())) {
    try {
      await notifyBawaslu(deps, { ...ref, event: 'report.received' });
      return;
    } catch (error) {
      deps.log.warn('report.received not delivered inline; its notice execution retries it', { error: (error as Error).name });
    }
  }
  await deps.workflow.startNotice({ ...ref, event: 'report.received' });
}

function resumeAtOf(status: StoredReport['status']): ResumeAt {
  if (isClosed(status)) return 'NOTICE';
  const step = (Object.keys(STEPS) as Step[]).find((name) => name !== 'APPEAL' && STEPS[name].status === status);
  return step ?? 'OPD_REVIEW';
}


/** A step failed after every retry (at least 30 minutes): the timeline says so before the execution fails into
 *  WorkflowStepFailed (alarmed); the reconciler then starts the report again from its current status. */
export async function recordStepFailure(deps: Deps, input: ReportRef & { error?: string; cause?: string }) {
  const { report } = await loadReport(deps, input);
  const at = deps.clock.now().toISOString();
  await note(deps, report, at, [{
    at, actor: 'SYSTEM', action: 'WORKFLOW_STEP_FAILED', status: report.status,
    note: `Langkah alur kerja gagal setelah semua percobaan (${input.error ?? 'Error'}); akan dilanjutkan otomatis / a workflow step failed after every retry; it is resumed automatically`,
  }]);
  return { recorded: true };
}
