// Overdue: a BKPP or PPK wait whose deadline passed after its last escalation. ONE function marks it, in one
// transition, so every consequence hooks here: `overdueAt` (which the daily digest reads, and from which
// domain/counters.ts derives the `overdue` and `followUp_overdue` counters and the guard), and Bawaslu's
// `report.overdue` webhook.
import type { Dependencies } from '#ports';
import { notifyOverdue } from './bawaslu-notices.ts';
import { TransitionConflict } from '#domain/errors';
import type { StoredReport } from '#domain/report.schema';
import { STEPS, type Step } from '#domain/workflow';

/** Marks the report overdue once: `overdueAt`, the `REPORT_OVERDUE` timeline entry and the `overdue` counter (+1;
 *  the decision that closes an overdue report takes it back, domain/counters.ts), then starts Bawaslu's
 *  `report.overdue` notice. False when it already was overdue or moved on meanwhile. */
export async function markOverdue(deps: Pick<Dependencies, 'reports' | 'workflow'>, report: StoredReport, step: Step, at: string): Promise<boolean> {
  // Already marked (this step retried after its transition): the notice may not have started; starting it
  // again is a no-op, so it is sent once either way.
  if (report.overdueAt) {
    await notifyOverdue(deps, { regionId: report.regionId, reportId: report.id });
    return false;
  }
  try {
    await deps.reports.transition({
      report, from: STEPS[step].status, at, overdueAt: at,
      timeline: [{
        at, actor: 'SYSTEM', action: 'REPORT_OVERDUE', status: report.status,
        note: `${STEPS[step].id} melewati tenggat setelah eskalasi terakhir; menunggu tanpa e-mail lagi / ${STEPS[step].en} passed its deadline after the last escalation; waiting without further e-mails`,
      }],
    });
  } catch (error) {
    if (error instanceof TransitionConflict) return false;
    throw error;
  }
  await notifyOverdue(deps, { regionId: report.regionId, reportId: report.id });
  return true;
}
