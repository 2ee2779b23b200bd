// The reconciler as EventBridge Scheduler runs it every 5 minutes: one bounded run over every region, its
// repairs counted as the WorkflowRepaired metric (alarmed in infra/constructs/netra-alarms.ts).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { dependencies } from '#composition/root';
import { reports } from '#composition/stores/reports';
import { directory } from '#composition/stores/directory';
import { regions } from '#composition/stores/regions';
import { decisions } from '#composition/stores/decisions';
import { mails } from '#composition/email-views';
import { stepFunctions } from '#composition/aws/step-functions';
import { linkSecret } from '#composition/aws/link-secret';
import { ses } from '#composition/aws/ses';
import { logger, metrics } from '#lib/powertools';
import { reconcile, RECONCILE_BUDGET } from '#use-cases/reconcile';
import type { Needs } from '#composition/needs';

// Approver changes (acting periods starting or ending) e-mail the new holder a signed link.
/** What this function uses, declared once: the composition root builds these, the stack grants what they need. */
export const needs = { table: 'readwrite', uses: { reports, directory, regions, decisions, mails, workflow: stepFunctions('startExecution', 'repairExecution'), mailer: ses, links: linkSecret } } as const satisfies Needs;
const deps = dependencies(needs);

export async function handler(_event: unknown, context: Context) {
  // Stop starting work well before the function's own timeout.
  const budget = { ...RECONCILE_BUDGET, timeBudgetMs: Math.max(1_000, Math.min(RECONCILE_BUDGET.timeBudgetMs, context.getRemainingTimeInMillis() - 15_000)) };
  const result = await reconcile(deps, budget);
  metrics.addMetric('WorkflowRepaired', MetricUnit.Count, result.repairs.length);
  metrics.addMetric('ReconcileErrors', MetricUnit.Count, result.errors);
  metrics.publishStoredMetrics();
  for (const repair of result.repairs) logger.warn('workflow repaired', { ...repair });
  logger.info('reconciler run', { regions: result.regions, checked: result.checked, repaired: result.repairs.length, errors: result.errors, complete: result.complete });
  return { regions: result.regions, checked: result.checked, repaired: result.repairs.length, errors: result.errors, complete: result.complete };
}
