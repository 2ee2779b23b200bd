// The "Done when": DynamoDB Local frozen for two minutes during a 20-report burst; within two
// reconciler periods of its return every report is in its right wait, nothing doubled, counts exact. Run on
// `npm start` itself with the deployed backoff (no time scale) and the default reconciler period.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSection } from '../support/section.ts';
import { round } from '../support/section.ts';
import { startStack } from '../../test/support/local-stack.ts';
import { freezeScenario } from '../../test/support/freeze.ts';

const RECONCILE_SECONDS = 30;
const FREEZE_MS = 120_000;

export const faultFreeze: BenchSection = {
  name: 'fault-freeze',
  description: 'DynamoDB Local frozen 2 minutes during a 20-report burst: time until every report is in its wait, e-mailed once, counts exact',
  async run({ tmpDir, log }) {
    const dataDir = mkdtempSync(join(tmpDir, 'freeze-'));
    const stack = await startStack(dataDir, { NETRA_RECONCILE_SECONDS: String(RECONCILE_SECONDS) });
    try {
      log('20 reports, SIGSTOP for 120 s a millisecond after the first of their e-mails (4 more submissions during it, retried with their keys after), then SIGCONT');
      const result = await freezeScenario({
        url: stack.url, dataDir, regionId: '34.02', reports: 20, duringOutage: 4, freezeMs: FREEZE_MS, settleMs: 10 * 60_000, label: 'bench-freeze',
      });
      log(`converged ${round(result.convergedMs / 1000, 1)} s after SIGCONT; problems: ${result.problems.length ? result.problems.join('; ') : 'none'}`);
      log(`answers during the outage: ${result.answersDuringOutage.join(', ')}; WORKFLOW_REPAIRED entries: ${result.repairs}; reports whose approver was e-mailed twice: ${result.duplicateMails}`);
      const withinTwoPeriods = result.problems.length === 0 && result.convergedMs <= 2 * RECONCILE_SECONDS * 1000;
      return [
        { name: 'reports in their wait after the outage', value: result.problems.length === 0 ? result.accepted.length : 0, unit: 'reports', target: `${result.accepted.length} of ${result.accepted.length}`, pass: result.problems.length === 0, note: result.problems.slice(0, 3).join('; ') || undefined },
        { name: 'time from SIGCONT to every report right', value: round(result.convergedMs / 1000, 1), unit: 's', target: `≤ ${2 * RECONCILE_SECONDS} s (two reconciler periods)`, pass: withinTwoPeriods },
        { name: 'reconciler repairs', value: result.repairs, unit: 'repairs', note: 'WORKFLOW_REPAIRED timeline entries on these reports' },
        { name: 'approvers e-mailed twice', value: result.duplicateMails, unit: 'reports', target: '0', pass: result.duplicateMails === 0, note: 'counted from the outbox once every execution waits; a mark the outage stopped is retried within its step' },
      ];
    } finally {
      await stack.stop();
    }
  },
};
