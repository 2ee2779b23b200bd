// What the sanction workflow records when a step failed for good (every retry spent), before its execution fails
// into an alarmed state: a report's step (the reconciler starts the report again from its status) and a notice (marked
// for the reconciler to deliver again). The timeline says so either way; only the error's message goes on it.
import type { Dependencies } from '#ports';
import { WEBHOOK_REFUSED } from '#domain/webhook-address';
import type { WebhookEvent } from '#domain/notices';
import { type Deps, type ReportRef, append, loadReport, note } from './shared/step-support.ts';

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

/** The message of a step error's Cause: Lambda gives JSON {errorType, errorMessage, trace}, the local runner
 *  the message itself. Only the message goes on the timeline, never the trace. */
function causeMessage(cause: string | undefined): string {
  let message = cause ?? '';
  try {
    const parsed = JSON.parse(message);
    if (typeof parsed?.errorMessage === 'string') message = parsed.errorMessage;
  } catch { /* the message itself */ }
  return message.slice(0, 300);
}

/** After every retry failed: marked for the reconciler, and the timeline says so, before the execution fails into
 *  its alarmed state. */
export async function recordNoticeFailure(deps: Pick<Dependencies, 'clock' | 'reports' | 'failedNotices'>, input: ReportRef & { error?: string; cause?: string; event?: WebhookEvent | undefined }) {
  const at = deps.clock.now().toISOString();
  // Marked first, for the reconciler to deliver it again (shared/failed-notices.ts); a retry of this step marks it again.
  await deps.failedNotices.mark(input.regionId, input.reportId, input.event ?? 'report.closed', at);
  const what = input.event ? `webhook ${input.event}` : 'Bawaslu';
  const text = input.error === WEBHOOK_REFUSED
    ? `Webhook Bawaslu${input.event ? ` ${input.event}` : ''} ditolak tanpa dicoba ulang: ${causeMessage(input.cause)}; operator diberi tahu / the Bawaslu webhook was refused, not retried; operators are alerted`
    : `Pemberitahuan ${what} gagal setelah semua percobaan (${input.error ?? 'Error'}); operator diberi tahu / the ${what} notice failed after every retry; operators are alerted`;
  await append(deps, input, [{ at, actor: 'SYSTEM', action: 'BAWASLU_NOTICE_FAILED', ...(input.event ? { event: input.event } : {}), note: text }], at);
  return { recorded: true };
}
