// The objection's workflow step APPEAL over the fakes: one live link however often a step runs, the form checked
// against the sanction in force, decideBy passing (PTUN, Bawaslu told once, the same link live), an acting PPK
// taking the link over, and the reconciler starting an objection whose execution never started.
import { describe, expect, it } from 'vitest';
import { fileAppeal } from '../../../functions/use-cases/appeals.ts';
import { requestDecision } from '../../../functions/use-cases/decision-requests.ts';
import { decisionDeadline, sendReminder } from '../../../functions/use-cases/deadlines.ts';
import { openDecision, submitDecision } from '../../../functions/use-cases/decisions.ts';
import { reconcile, RECONCILE_BUDGET } from '../../../functions/use-cases/reconcile.ts';
import { startReview } from '../../../functions/use-cases/workflow.ts';
import { InputError } from '../../../functions/domain/errors.ts';
import { verifyChain } from '../../../functions/domain/timeline-chain.ts';
import type { Fakes } from '../../support/fakes.ts';
import { bantul, BANTUL, linkIn, REGION, sanctionedWith } from '../../support/scenarios.ts';

const DECIDED = '2024-12-02T03:00:00.000Z'; // Monday 2 December 2024, 10:00 WIB
const refusal = (call: Promise<unknown>) => call.then(() => null, (e: unknown) => e);
const stored = async (fakes: Fakes, id: string) => (await fakes.reports.get(REGION, id))!;
const ppkMails = (fakes: Fakes, receiptCode: string) => fakes.mailer.to(BANTUL.contacts.ppk.email).filter((m) => m.subject.includes(receiptCode) && m.subject.includes('Keberatan'));

async function objection(sanction: Parameters<typeof sanctionedWith>[1] = 'POTONG_TUKIN_9') {
  const fakes = await bantul({ now: DECIDED });
  const report = await sanctionedWith(fakes, sanction);
  fakes.clock.set(new Date('2024-12-10T03:00:00Z'));
  const { appealId, decideBy } = await fileAppeal(fakes, REGION, report.id, { kind: 'KEBERATAN', filedAt: '2024-12-09T08:00:00+07:00', grounds: 'Saya hadir pasif.', documentUrls: [] });
  const input = { regionId: REGION, reportId: report.id, step: 'APPEAL' as const, appealId };
  return { fakes, report, appealId, decideBy: decideBy!, input };
}

describe('step APPEAL', () => {
  it('filing starts the objection\'s own execution, which begins at the PPK\'s link; a BANDING starts none', async () => {
    const { fakes, report, appealId, input } = await objection();
    expect(fakes.workflow.started.at(-1)).toEqual({ regionId: REGION, reportId: report.id, appealId, run: 0 });
    expect(await startReview(fakes, input)).toEqual({ resumeAt: 'APPEAL' });
    const banding = await bantul({ now: DECIDED });
    const dismissed = await sanctionedWith(banding, 'PEMBERHENTIAN');
    const started = banding.workflow.started.length;
    await fileAppeal(banding, REGION, dismissed.id, { kind: 'BANDING', filedAt: new Date(DECIDED).toISOString(), grounds: 'Bukan anggota tim.', documentUrls: [] });
    expect(banding.workflow.started.length).toBe(started);
  });

  it('a request run twice (a retry, a redrive) keeps one live link and e-mails it once; its deadline is decideBy', async () => {
    const { fakes, report, decideBy, input } = await objection();
    const first = await requestDecision(fakes, input);
    const second = await requestDecision(fakes, input);
    expect(second.decisionKey).toBe(first.decisionKey);
    expect(first.deadlineAt).toBe(decideBy);
    expect(new Date(first.remindAt) < new Date(decideBy)).toBe(true);
    expect(ppkMails(fakes, report.receiptCode)).toHaveLength(1);
    const after = await stored(fakes, report.id);
    expect(after.report.status).toBe('SANCTIONED');
    expect(after.report.pendingDecision).toBe(first.decisionKey);
    expect(after.timeline.filter((e) => e.action === 'DECISION_REQUESTED' && e.status === 'SANCTIONED')).toHaveLength(1);
  });

  it('checks the form against the sanction: PERBERAT lighter, UBAH another level, no decree or reasons; nothing written', async () => {
    const { fakes, report, input } = await objection();
    await requestDecision(fakes, input);
    const link = linkIn(ppkMails(fakes, report.receiptCode)[0]!);
    const before = await stored(fakes, report.id);
    for (const [form, paths] of [
      [{ outcome: 'PERBERAT', sanction: 'POTONG_TUKIN_6', decreeNumber: '1', notes: 'x' }, ['sanction']],
      [{ outcome: 'UBAH', sanction: 'PEMBEBASAN_JABATAN_12', decreeNumber: '1', notes: 'x' }, ['sanction']],
      [{ outcome: 'RINGANKAN', sanction: 'MORAL_TERBUKA', decreeNumber: '1', notes: 'x' }, ['sanction']],
      [{ outcome: 'RINGANKAN' }, ['sanction', 'decreeNumber', 'notes']],
      [{ outcome: 'BATALKAN' }, ['decreeNumber', 'notes']],
      [{ outcome: 'IMPOSE', sanction: 'TEGURAN_TERTULIS' }, ['outcome']],
      [{ outcome: 'toString' }, ['outcome']],
    ] as const) {
      const error = await refusal(submitDecision(fakes, link, form));
      expect(error, JSON.stringify(form)).toBeInstanceOf(InputError);
      expect((error as InputError).errors.map((e) => e.path), JSON.stringify(form)).toEqual(paths);
    }
    const after = await stored(fakes, report.id);
    expect(after.timeline).toHaveLength(before.timeline.length);
    expect(after.report.appealsVersion).toBe(before.report.appealsVersion);
    // KUATKAN needs neither decree nor reasons; a sanction left chosen on the form is ignored.
    const done = await submitDecision(fakes, link, { outcome: 'KUATKAN', sanction: 'POTONG_TUKIN_6' });
    expect(done.decision).toMatchObject({ step: 'APPEAL', outcome: 'KUATKAN' });
    expect(done.decision.sanction).toBeUndefined();
    const decided = await stored(fakes, report.id);
    expect(decided.report.sanction).toMatchObject({ sanction: 'POTONG_TUKIN_9', decreeNumber: '800/1/2024' });
    expect(decided.report.sanctionHistory ?? []).toEqual([]);
    expect(await refusal(submitDecision(fakes, link, { outcome: 'KUATKAN' }))).toMatchObject({ status: 409 });
    expect(verifyChain(report.id, decided.timeline as never, decided.report.timelineHash).intact).toBe(true);
  });

  it('past decideBy: the timeline says PTUN, Bawaslu is told once, the wait goes on silently and the same link still decides', async () => {
    const { fakes, report, decideBy, input } = await objection();
    const asked = await requestDecision(fakes, input);
    const link = linkIn(ppkMails(fakes, report.receiptCode)[0]!);
    fakes.clock.set(new Date(new Date(decideBy).getTime() + 60_000));
    expect(await sendReminder(fakes, { ...input, decisionKey: asked.decisionKey, deadlineAt: asked.deadlineAt })).toMatchObject({ reminded: false });
    expect(await decisionDeadline(fakes, { ...input, decisionKey: asked.decisionKey })).toEqual({ outcome: 'OVERDUE', step: 'APPEAL' });
    // The deadline step run again (a retry) records and sends nothing twice.
    expect(await decisionDeadline(fakes, { ...input, decisionKey: asked.decisionKey })).toEqual({ outcome: 'OVERDUE', step: 'APPEAL' });
    const after = await stored(fakes, report.id);
    expect(after.timeline.filter((e) => e.action === 'APPEAL_DEADLINE_PASSED')).toEqual([expect.objectContaining({ note: expect.stringContaining('PTUN') })]);
    expect(fakes.mailer.to(BANTUL.contacts.bawaslu.email).filter((m) => m.subject.includes('melewati batas waktu'))).toHaveLength(1);
    expect((await fakes.reportQueries.counters(REGION, 'pilkada-2024')).appeals_overdue).toBe(1);

    // OVERDUE asks again: the same link, no e-mail, a silent wait.
    const mails = fakes.mailer.sent.length;
    const again = await requestDecision(fakes, input);
    expect(again.decisionKey).toBe(asked.decisionKey);
    expect(fakes.mailer.sent.length).toBe(mails);
    expect((await openDecision(fakes, link)).record.key).toBe(asked.decisionKey);
    await submitDecision(fakes, link, { outcome: 'UBAH', sanction: 'POTONG_TUKIN_12', decreeNumber: '800/2/2025', notes: 'Diubah.' });
    const counters = await fakes.reportQueries.counters(REGION, 'pilkada-2024');
    expect([counters.appeals_overdue, counters.appeals_open, counters.appeals_outcome_UBAH]).toEqual([0, 0, 1]);
    // A request after the decision (the silent loop's next round) answers that decision's record: the wait resumes.
    expect((await requestDecision(fakes, input)).decisionKey).toBe(asked.decisionKey);
  });

  it('the reconciler starts an objection whose execution never started, and hands its link to an acting PPK', async () => {
    const { fakes, report, appealId, input } = await objection();
    await requestDecision(fakes, input);
    const old = linkIn(ppkMails(fakes, report.receiptCode)[0]!);
    fakes.workflow.executions.clear(); // as if the start after the filing had failed
    const acting = { name: 'Plt. Bupati Bantul', title: 'Plt. Bupati Bantul', email: 'plt.bupati@bantul.demo.netra.example', from: '2024-12-10', until: '2024-12-31' };
    await fakes.directory.putContacts(REGION, { ...BANTUL.contacts, ppk: { ...BANTUL.contacts.ppk, acting } }, new Date().toISOString());
    fakes.clock.set(new Date('2024-12-10T05:00:00Z'));
    const result = await reconcile(fakes, { ...RECONCILE_BUDGET, graceSeconds: 0 }, [REGION]);
    expect(result.repairs).toContainEqual(expect.objectContaining({ reportId: report.id, how: 'STARTED' }));
    expect(fakes.workflow.started.at(-1)).toMatchObject({ reportId: report.id, appealId });
    expect(await refusal(openDecision(fakes, old))).toMatchObject({ status: 410 });
    const handed = fakes.mailer.to(acting.email).filter((m) => m.subject.includes(report.receiptCode));
    expect(handed).toHaveLength(1);
    expect((await openDecision(fakes, linkIn(handed[0]!))).record).toMatchObject({ step: 'APPEAL', appealId, approver: { email: acting.email, acting: true } });
    expect((await stored(fakes, report.id)).timeline.filter((e) => e.action === 'APPROVER_CHANGED')).toHaveLength(1);
    // A second run finds nothing more to do.
    const second = await reconcile(fakes, { ...RECONCILE_BUDGET, graceSeconds: 0 }, [REGION]);
    expect(second.repairs.filter((r) => r.reportId === report.id)).toEqual([]);
  });
});
