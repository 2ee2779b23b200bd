// The reconciler as EventBridge Scheduler runs it every 5 minutes: one bounded run over every region, its
// repairs counted as the WorkflowRepaired metric and the Bawaslu notices it delivered again, or could not, as
// NoticesRedelivered and NoticesFailing (alarmed in infra/constructs/netra-alarms.ts).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { reportQueries } from '#composition/stores/report-queries';
import { claims } from '#composition/stores/claims';
import { failedNotices } from '#composition/stores/failed-notices';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { mails } from '#composition/email-views';
import { webhooks } from '#composition/webhook-sender';
import { stepFunctions } from '#composition/aws/step-functions';
import { linkSecret } from '#composition/aws/link-secret';
import { ses } from '#composition/aws/ses';
import { logger, metrics } from '#lib/powertools';
import { withDeadline } from '#lib/mark-sent';
import { reconcile, RECONCILE_BUDGET, type ReconcileCursor } from '#use-cases/sanction/reconcile';
import type { Needs } from '#composition/needs';

// Approver changes (acting periods starting or ending) e-mail the new holder a signed link; failed notices go to
// Bawaslu by e-mail and webhook.
/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, reportQueries, claims, failedNotices, directory, regions, decisions, mails, webhooks, workflow: stepFunctions('startExecution', 'repairExecution'), mailer: ses, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);
// Kept while the function stays warm: a run the budget stopped is followed by one beginning where it left off.
const cursor: ReconcileCursor = {};

export async function handler(_event: unknown, context: Context) {
  // Stop starting work well before the function's own timeout.
  const budget = { ...RECONCILE_BUDGET, timeBudgetMs: Math.max(1_000, Math.min(RECONCILE_BUDGET.timeBudgetMs, context.getRemainingTimeInMillis() - 15_000)) };
  // The marks of what it sends ride out a short outage until shortly before the function's end, as a step's do.
  const result = await withDeadline(Date.now() + context.getRemainingTimeInMillis(), () => reconcile(deps, budget, undefined, cursor));
  metrics.addMetric('WorkflowRepaired', MetricUnit.Count, result.repairs.length);
  metrics.addMetric('NoticesRedelivered', MetricUnit.Count, result.notices.delivered);
  metrics.addMetric('NoticesFailing', MetricUnit.Count, result.notices.failing);
  metrics.addMetric('ReconcileErrors', MetricUnit.Count, result.errors);
  metrics.publishStoredMetrics();
  for (const repair of result.repairs) logger.warn('workflow repaired', { ...repair });
  const summary = { regions: result.regions, checked: result.checked, repaired: result.repairs.length, errors: result.errors, notices: result.notices, complete: result.complete };
  logger.info('reconciler run', summary);
  return summary;
}
