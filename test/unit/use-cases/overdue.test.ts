// Overdue over the fakes: a report is marked once (however often and however stale the copy the caller holds),
// never after it moved on, and the transition that closes it takes the count back exactly once.
import { describe, expect, it } from 'vitest';
import { markOverdue } from '../../../functions/use-cases/sanction/shared/overdue.ts';
import { fails, type Fakes } from '../../support/fakes.ts';
import { bantul, REGION, waitingAt } from '../../support/scenarios.ts';

const overdueCount = async (fakes: Fakes) => (await fakes.reportQueries.counters(REGION, 'pilkada-2024')).overdue;
const AT = '2024-10-20T03:00:00.000Z';

describe('markOverdue', () => {
  it('marks the report, notes it on the timeline and counts it', async () => {
    const fakes = await bantul();
    const { report } = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    expect(await markOverdue(fakes, report, 'BKPP_ASSESSMENT', AT)).toBe(true);
    const found = (await fakes.reports.get(REGION, report.id))!;
    expect(found.report.overdueAt).toBe(AT);
    expect(found.report.status).toBe('AWAITING_BKPP_ASSESSMENT');
    expect(found.timeline.at(-1)).toMatchObject({ actor: 'SYSTEM', action: 'REPORT_OVERDUE', status: 'AWAITING_BKPP_ASSESSMENT' });
    expect(await overdueCount(fakes)).toBe(1);
  });

  it('a second mark is false: from a fresh copy (already overdue) and from a stale one (the store refuses it)', async () => {
    const fakes = await bantul();
    const { report: stale } = await waitingAt(fakes, 'PPK_DECISION');
    await markOverdue(fakes, stale, 'PPK_DECISION', AT);
    const fresh = (await fakes.reports.get(REGION, stale.id))!.report;
    const writes = fakes.reports.applied.length;
    expect(await markOverdue(fakes, fresh, 'PPK_DECISION', AT)).toBe(false);
    expect(await markOverdue(fakes, stale, 'PPK_DECISION', AT)).toBe(false);
    expect(fakes.reports.applied).toHaveLength(writes);
    expect(await overdueCount(fakes)).toBe(1);
  });

  it('starts Bawaslu\'s report.overdue notice; one that failed to start is started by the retried step, once', async () => {
    const fakes = await bantul();
    const { report } = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    fakes.workflow.before.startNotice.once(fails('Step Functions is unreachable'));
    await expect(markOverdue(fakes, report, 'BKPP_ASSESSMENT', AT)).rejects.toThrow('unreachable');
    expect(fakes.workflow.noticesOf(report.id)).not.toContain('report.overdue');
    // The step is retried with the report as it is now: already overdue, so only the notice is started.
    const fresh = (await fakes.reports.get(REGION, report.id))!.report;
    expect(await markOverdue(fakes, fresh, 'BKPP_ASSESSMENT', AT)).toBe(false);
    expect(fakes.workflow.noticesOf(report.id).filter((e) => e === 'report.overdue')).toHaveLength(1);
    expect(await overdueCount(fakes)).toBe(1);
  });

  it('a recommendation also counts as overdue in its follow-up figures', async () => {
    const fakes = await bantul();
    const source = { kind: 'BAWASLU_RECOMMENDATION' as const, number: 'R-7/Bawaslu/2024', issuedAt: '2024-09-20' };
    const { report } = await waitingAt(fakes, 'BKPP_ASSESSMENT', { source });
    await markOverdue(fakes, report, 'BKPP_ASSESSMENT', AT);
    expect(await fakes.reportQueries.counters(REGION, 'pilkada-2024')).toMatchObject({ overdue: 1, followUp_overdue: 1 });
  });

  it('a report that moved on meanwhile is not marked', async () => {
    const fakes = await bantul();
    const { report } = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await fakes.reports.transition({ report, from: 'AWAITING_BKPP_ASSESSMENT', to: 'DISMISSED', at: AT, timeline: [] });
    expect(await markOverdue(fakes, report, 'BKPP_ASSESSMENT', AT)).toBe(false);
    expect((await fakes.reports.get(REGION, report.id))!.report.overdueAt).toBeUndefined();
    expect(await overdueCount(fakes)).toBeUndefined();
  });

  it('a store that cannot be reached is not mistaken for "already marked"', async () => {
    const fakes = await bantul();
    const { report } = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    fakes.reports.before.transition.once(fails('DynamoDB is unreachable'));
    await expect(markOverdue(fakes, report, 'BKPP_ASSESSMENT', AT)).rejects.toThrow('unreachable');
  });
});
