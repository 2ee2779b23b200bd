// Open appeals past decideBy, found by the daily scan of sanctioned reports: a BANDING BPASN left 65 working days
// counts as overdue, a KEBERATAN the PPK left 21 working days tells that the employee may go to PTUN; each is
// recorded once, e-mailed to Bawaslu once, counted while it stays open, and a scan that died halfway finishes later.
import { describe, expect, it } from 'vitest';
import { remindUndeliveredDecrees } from '../../../functions/use-cases/delivery-reminders.ts';
import { fileAppeal, recordAppealDecision } from '../../../functions/use-cases/appeals.ts';
import { getStats } from '../../../functions/use-cases/stats.ts';
import { verifyChain } from '../../../functions/domain/timeline-chain.ts';
import { fails, type Fakes } from '../../support/fakes.ts';
import { bantul, BANTUL, REGION, sanctionedWith } from '../../support/scenarios.ts';

const DECIDED = '2024-12-02T03:00:00.000Z'; // Monday 2 December 2024, 10:00 WIB
const grounds = 'Saya bukan anggota tim kampanye.';
const stored = async (fakes: Fakes, id: string) => (await fakes.reports.get(REGION, id))!;
const passed = (timeline: { action: string }[]) => timeline.filter((e) => e.action === 'APPEAL_DEADLINE_PASSED');
const toldBawaslu = (fakes: Fakes, receiptCode: string) =>
  fakes.mailer.sent.filter((m) => m.subject.includes(receiptCode) && m.subject.includes('melewati batas waktu'));

async function filed(kind: 'KEBERATAN' | 'BANDING') {
  const fakes = await bantul({ now: DECIDED });
  const report = await sanctionedWith(fakes, kind === 'BANDING' ? 'PEMBERHENTIAN' : 'POTONG_TUKIN_9');
  fakes.clock.set(new Date('2024-12-10T03:00:00Z'));
  const { appealId, decideBy } = await fileAppeal(fakes, REGION, report.id, { kind, filedAt: '2024-12-09T08:00:00+07:00', grounds, documentUrls: [] });
  // Delivered in time, so the scan's only business with it is the appeal.
  return { fakes, report, appealId, decideBy: decideBy! };
}

describe('open appeals past decideBy (the daily scan)', () => {
  it('a BANDING past 65 working days: one entry, one e-mail to Bawaslu, counted overdue until BPASN decides', async () => {
    const { fakes, report, appealId, decideBy } = await filed('BANDING');
    expect(decideBy).toBe('2025-03-18T16:59:59.999Z');
    fakes.clock.set(new Date('2025-03-18T16:00:00Z')); // 23:00 WIB on the 65th working day: not yet
    expect(await remindUndeliveredDecrees(fakes, REGION)).toMatchObject({ appealDeadlines: 0 });
    expect(passed((await stored(fakes, report.id)).timeline)).toHaveLength(0);

    fakes.clock.set(new Date('2025-03-19T01:00:00Z'));
    expect(await remindUndeliveredDecrees(fakes, REGION)).toMatchObject({ appealDeadlines: 1 });
    const after = await stored(fakes, report.id);
    expect(passed(after.timeline)).toEqual([expect.objectContaining({ actor: 'SYSTEM', status: 'SANCTIONED', note: expect.stringContaining('2025-03-18 23:59 WIB (65 hari kerja') })]);
    expect(after.report.appeals![0]).toMatchObject({ id: appealId, status: 'OPEN', deadlinePassedAt: '2025-03-19T01:00:00.000Z' });
    const mails = toldBawaslu(fakes, report.receiptCode);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([BANTUL.contacts.bawaslu.email]);
    expect(mails[0]!.text).toContain('Banding administratif kepada BPASN');
    expect((await getStats(fakes, REGION, 'pilkada-2024')).appeals).toMatchObject({ open: 1, overdue: 1 });

    // Every later scan (another day) leaves it as it is.
    fakes.clock.set(new Date('2025-03-20T01:00:00Z'));
    expect(await remindUndeliveredDecrees(fakes, REGION)).toMatchObject({ appealDeadlines: 0 });
    expect(passed((await stored(fakes, report.id)).timeline)).toHaveLength(1);
    expect(toldBawaslu(fakes, report.receiptCode)).toHaveLength(1);

    // Decided late: no longer overdue; the timeline keeps that the deadline passed.
    await recordAppealDecision(fakes, REGION, report.id, appealId, { outcome: 'KUATKAN', decisionNumber: 'BPASN/3/2025', decidedAt: '2025-03-20T08:00:00+07:00' });
    expect((await getStats(fakes, REGION, 'pilkada-2024')).appeals).toMatchObject({ open: 0, overdue: 0, decided: 1 });
    const decided = await stored(fakes, report.id);
    expect(verifyChain(report.id, decided.timeline as never, decided.report.timelineHash).intact).toBe(true);
  });

  it('a KEBERATAN past 21 working days: the timeline and Bawaslu are told the employee may go to PTUN', async () => {
    const { fakes, report, decideBy } = await filed('KEBERATAN');
    fakes.clock.set(new Date(new Date(decideBy).getTime() + 3_600_000));
    expect(await remindUndeliveredDecrees(fakes, REGION)).toMatchObject({ appealDeadlines: 1 });
    const [entry] = passed((await stored(fakes, report.id)).timeline) as { note?: string }[];
    expect(entry!.note).toContain('Pengadilan Tata Usaha Negara (PTUN)');
    const [mail] = toldBawaslu(fakes, report.receiptCode);
    expect(mail!.text).toContain('PTUN');
    expect(mail!.text).toContain('WIB');
  });

  it('the e-mail failing after the entry: the scan fails (no day mark), the next run sends it once and records nothing twice', async () => {
    const { fakes, report, decideBy } = await filed('BANDING');
    fakes.clock.set(new Date(new Date(decideBy).getTime() + 3_600_000));
    const counted = async () => (await fakes.reportQueries.counters(REGION, 'pilkada-2024')).appeals_overdue;
    fakes.mailer.before.send.once(fails('SES is down'));
    await expect(remindUndeliveredDecrees(fakes, REGION)).rejects.toThrow('SES is down');
    expect(passed((await stored(fakes, report.id)).timeline)).toHaveLength(1);
    expect(toldBawaslu(fakes, report.receiptCode)).toHaveLength(0);

    expect(await remindUndeliveredDecrees(fakes, REGION)).toMatchObject({ appealDeadlines: 1 });
    expect(passed((await stored(fakes, report.id)).timeline)).toHaveLength(1);
    expect(toldBawaslu(fakes, report.receiptCode)).toHaveLength(1);
    expect(await counted()).toBe(1);
  });
});
