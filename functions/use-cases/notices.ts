// Bawaslu's notices outside the main path: the report.overdue webhook and its follow-up counter, for the one
// use case that marks a report overdue (use-cases/overdue.ts).
import type { Dependencies } from '#ports';
import { recommendationOf } from '#domain/recommendation';
import type { StoredReport } from '#domain/report.schema';

/** The follow-up counter a report changes when it becomes overdue (added to that transition's counters). */
export function overdueFollowUpCounters(report: Pick<StoredReport, 'source'>): Record<string, number> {
  return recommendationOf(report) ? { followUp_overdue: 1 } : {};
}

/** After the overdue transition: Bawaslu's report.overdue webhook, in its own notice execution (retried,
 *  recorded and alarmed like the closing notice; starting it again is a no-op, so it is sent once). */
export async function notifyOverdue(deps: Pick<Dependencies, 'workflow'>, ref: { regionId: string; reportId: string }): Promise<void> {
  await deps.workflow.startNotice({ ...ref, event: 'report.overdue' });
}
