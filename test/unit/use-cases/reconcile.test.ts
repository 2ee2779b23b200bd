// The reconciler over the fakes: each state an execution can be found in (never started, failed and redrivable,
// failed in one of its own Fail states, running), the report moving meanwhile, a start that fails after its run
// is recorded, continuations, and one run's budget and grace period.
import { describe, expect, it } from 'vitest';
import { continueWorkflow, reconcile, RECONCILE_BUDGET } from '../../../functions/use-cases/sanction/reconcile.ts';
import { repairWorkflow } from '../../../functions/use-cases/sanction/shared/execution-repair.ts';
import { UnavailableError } from '../../../functions/domain/errors.ts';
import type { StoredReport } from '../../../functions/domain/report.schema.ts';
import { fails, type Fakes } from '../../support/fakes.ts';
import { bantul, REGION, reportBody, submitted } from '../../support/scenarios.ts';
import { submitReport } from '../../../functions/use-cases/reports.ts';
import { DEMO_REGIONS } from '../../../infra/local/demo-data.ts';

const NOW = '2024-10-02T03:00:00.000Z';
const actions = async (fakes: Fakes, id: string) => (await fakes.reports.get(REGION, id))!.timeline.map((e) => e.action);
const ref = (report: StoredReport, run = 0) => ({ regionId: REGION, reportId: report.id, run });
const budget = { ...RECONCILE_BUDGET, graceSeconds: 0 };

/** A report whose intake stored it but whose execution never started (the start failed). */
async function stranded(fakes: Fakes): Promise<StoredReport> {
  fakes.workflow.before.start.once(fails(new UnavailableError('the sanction workflow could not be started')));
  await submitted(fakes).catch(() => undefined);
  return [...fakes.reports.rows.values()].at(-1)!.report;
}

describe('repairWorkflow', () => {
  it('leaves a running execution and a closed report alone, writing nothing', async () => {
    const fakes = await bantul({ now: NOW });
    const running = await submitted(fakes);
    expect(await repairWorkflow(fakes, running)).toBeNull();
    const closed = { ...running, status: 'DISMISSED' as const };
    fakes.workflow.set(ref(closed), { state: 'FAILED', redrivable: true });
    expect(await repairWorkflow(fakes, closed)).toBeNull();
    expect(fakes.workflow.redriven).toEqual([]);
    expect(await actions(fakes, running.id)).toEqual(['SUBMITTED']);
  });

  it('never started: starts run 0 and notes the repair', async () => {
    const fakes = await bantul({ now: NOW });
    const report = await stranded(fakes);
    expect(await repairWorkflow(fakes, report)).toEqual({ regionId: REGION, reportId: report.id, how: 'STARTED', was: 'NONE' });
    expect(fakes.workflow.state(ref(report))).toBe('RUNNING');
    expect(await actions(fakes, report.id)).toEqual(['SUBMITTED', 'WORKFLOW_REPAIRED']);
  });

  it('failed where Step Functions can redrive: redrives that execution, no new run', async () => {
    const fakes = await bantul({ now: NOW });
    const report = await submitted(fakes);
    fakes.workflow.set(ref(report), { state: 'FAILED', redrivable: true, error: 'Lambda.ServiceException' });
    expect(await repairWorkflow(fakes, report)).toMatchObject({ how: 'REDRIVEN', was: 'FAILED' });
    expect(fakes.workflow.redriven).toEqual([ref(report)]);
    const found = (await fakes.reports.get(REGION, report.id))!;
    expect(found.report.workflowRun).toBeUndefined();
    expect(found.timeline.at(-1)!.note).toContain('FAILED: Lambda.ServiceException');
  });

  it('failed in one of its own Fail states (not redrivable): records run 1, then starts it', async () => {
    const fakes = await bantul({ now: NOW });
    const report = await submitted(fakes);
    fakes.workflow.set(ref(report), { state: 'FAILED', redrivable: false, error: 'WorkflowStepFailed' });
    expect(await repairWorkflow(fakes, report)).toMatchObject({ how: 'RESTARTED', was: 'FAILED' });
    expect((await fakes.reports.get(REGION, report.id))!.report.workflowRun).toBe(1);
    expect(fakes.workflow.started.at(-1)).toEqual(ref(report, 1));
  });

  it('the report moved on between the listing and the repair: nothing is recorded or started', async () => {
    const fakes = await bantul({ now: NOW });
    const report = await submitted(fakes);
    fakes.workflow.set(ref(report), { state: 'TIMED_OUT', redrivable: false });
    fakes.reports.before.transition.once(() => fakes.reports.transition({ report, from: 'RECEIVED', to: 'AWAITING_OPD_REVIEW', at: NOW, timeline: [] }));
    expect(await repairWorkflow(fakes, report)).toBeNull();
    expect((await fakes.reports.get(REGION, report.id))!.report.workflowRun).toBeUndefined();
    expect(fakes.workflow.started).toHaveLength(1);
  });

  it('a start that fails after run 1 is recorded: the next pass finds run 1 missing and starts it, once', async () => {
    const fakes = await bantul({ now: NOW });
    const report = await submitted(fakes);
    fakes.workflow.set(ref(report), { state: 'ABORTED', redrivable: false });
    fakes.workflow.before.start.once(fails(new UnavailableError('the sanction workflow could not be started')));
    await expect(repairWorkflow(fakes, report)).rejects.toBeInstanceOf(UnavailableError);
    const recorded = (await fakes.reports.get(REGION, report.id))!.report;
    expect(recorded.workflowRun).toBe(1);
    expect(await repairWorkflow(fakes, recorded)).toMatchObject({ how: 'STARTED', was: 'NONE' });
    expect(fakes.workflow.started.filter((s) => s.run === 1)).toHaveLength(1);
  });

  it('a timeline note that loses to a move after a redrive still answers the repair', async () => {
    const fakes = await bantul({ now: NOW });
    const report = await submitted(fakes);
    fakes.workflow.set(ref(report), { state: 'FAILED', redrivable: true });
    fakes.workflow.before.redrive.once(() => fakes.reports.transition({ report, from: 'RECEIVED', to: 'AWAITING_OPD_REVIEW', at: NOW, timeline: [] }));
    expect(await repairWorkflow(fakes, report)).toMatchObject({ how: 'REDRIVEN' });
    expect(await actions(fakes, report.id)).toEqual(['SUBMITTED']);
  });
});

describe('continueWorkflow', () => {
  it('records the next run once and starts it; a retried continuation starts the same run and records nothing more', async () => {
    const fakes = await bantul({ now: NOW });
    const report = await submitted(fakes);
    const input = { regionId: REGION, reportId: report.id, run: 0 };
    expect(await continueWorkflow(fakes, input)).toEqual({ continued: true, run: 1 });
    expect(await continueWorkflow(fakes, input)).toEqual({ continued: true, run: 1 });
    expect((await actions(fakes, report.id)).filter((a) => a === 'WORKFLOW_CONTINUED')).toHaveLength(1);
    expect(fakes.workflow.started.filter((s) => s.run === 1)).toHaveLength(1);
  });

  it('a report that does not exist is not continued', async () => {
    const fakes = await bantul({ now: NOW });
    expect(await continueWorkflow(fakes, { regionId: REGION, reportId: '01J00000000000000000000000', run: 0 })).toEqual({ continued: false });
    expect(fakes.workflow.started).toEqual([]);
  });
});

describe('reconcile', () => {
  it('repairs the stranded reports of every region, skips those changed within the grace period', async () => {
    const fakes = await bantul({ now: NOW });
    const old = await stranded(fakes);
    fakes.clock.advance(120_000);
    const recent = await stranded(fakes);
    fakes.clock.advance(30_000);
    const result = await reconcile(fakes, { ...RECONCILE_BUDGET, graceSeconds: 60 });
    expect(result).toMatchObject({ regions: 1, checked: 1, errors: 0, complete: true });
    expect(result.repairs).toEqual([{ regionId: REGION, reportId: old.id, how: 'STARTED', was: 'NONE' }]);
    expect(fakes.workflow.state(ref(recent))).toBe('NONE');
  });

  it('one report\'s trouble is counted and the others are still repaired', async () => {
    const fakes = await bantul({ now: NOW });
    const a = await stranded(fakes);
    const b = await stranded(fakes);
    fakes.workflow.before.describe.once(fails(new UnavailableError('the sanction workflow could not be described')));
    const result = await reconcile(fakes, budget);
    expect(result.errors).toBe(1);
    expect(result.repairs).toHaveLength(1);
    expect([a.id, b.id]).toContain(result.repairs[0]!.reportId);
  });

  it('stops at the page limit and says the run is incomplete; the next run goes on', async () => {
    const fakes = await bantul({ now: NOW });
    for (let i = 0; i < 3; i++) await stranded(fakes);
    const first = await reconcile(fakes, { ...budget, pageLimit: 1, pageSize: 2 });
    expect(first).toMatchObject({ complete: false, checked: 2 });
    expect(first.repairs).toHaveLength(2);
    const second = await reconcile(fakes, budget);
    expect(second).toMatchObject({ complete: true });
    expect(second.repairs).toHaveLength(1);
    expect(fakes.workflow.started).toHaveLength(3);
  });

  it('takes the regions in turn: the region a stopped run did not reach is where the next one begins', async () => {
    const fakes = await bantul({ now: NOW });
    // Kulon Progo (34.01, before Bantul in the list) with more open reports than a run's budget reaches.
    const kulonProgo = DEMO_REGIONS.find((demo) => demo.region.id === '34.01')!;
    const at = fakes.clock.now().toISOString();
    await fakes.regions.put(kulonProgo.region);
    for (const [opdId, opd] of Object.entries(kulonProgo.opds)) await fakes.directory.putOpd('34.01', opdId, opd, at);
    await fakes.directory.putContacts('34.01', kulonProgo.contacts, at);
    for (let i = 0; i < 3; i++) {
      fakes.workflow.before.start.once(fails(new UnavailableError('the sanction workflow could not be started')));
      await submitReport(fakes, { regionId: '34.01', body: reportBody() }).catch(() => undefined);
    }
    const late = await stranded(fakes);
    const tight = { ...budget, pageLimit: 3, pageSize: 1 };
    const regions = ['34.01', REGION];
    // Begun from the top every time, each run spends its pages in Kulon Progo: Bantul's report is never reached.
    for (let run = 0; run < 3; run++) {
      const result = await reconcile(fakes, tight, regions);
      expect(result).toMatchObject({ complete: false, regions: 1 });
    }
    expect(fakes.workflow.state(ref(late))).toBe('NONE');
    // With a cursor the run after a stopped one begins with the region it did not reach.
    const cursor = { next: '34.01' };
    expect(await reconcile(fakes, tight, regions, cursor)).toMatchObject({ complete: false, regions: 1 });
    expect(cursor.next).toBe(REGION);
    const second = await reconcile(fakes, tight, regions, cursor);
    expect(second.repairs).toContainEqual({ regionId: REGION, reportId: late.id, how: 'STARTED', was: 'NONE' });
    expect(fakes.workflow.state(ref(late))).toBe('RUNNING');
  });

  it('a run that finishes every region still moves the start on by one; a fresh cursor begins where the clock says', async () => {
    const fakes = await bantul({ now: NOW });
    await fakes.regions.put(DEMO_REGIONS.find((demo) => demo.region.id === '34.01')!.region);
    const cursor: { next?: string } = {};
    const minute = Math.floor(new Date(NOW).getTime() / 60_000);
    expect(await reconcile(fakes, budget, undefined, cursor)).toMatchObject({ complete: true, regions: 2 });
    // Sorted ['34.01', '34.02']: the clock's pick began the run, the other region begins the next.
    expect(cursor.next).toBe(['34.01', REGION][(minute + 1) % 2]);
    await reconcile(fakes, budget, undefined, cursor);
    expect(cursor.next).toBe(['34.01', REGION][minute % 2]);
  });

  it('only the regions named, when named', async () => {
    const fakes = await bantul({ now: NOW });
    await stranded(fakes);
    const result = await reconcile(fakes, budget, ['34.01']);
    expect(result).toMatchObject({ regions: 1, checked: 0, repairs: [] });
  });
});
