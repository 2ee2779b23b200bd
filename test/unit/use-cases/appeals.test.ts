// Appeals over the fakes: decree delivery and its windows in working days, which sanction takes which route, late
// filing, one open appeal, BPASN's outcome moving the sanction and the counters, and two requests racing.
import { describe, expect, it } from 'vitest';
import { fileAppeal, recordAppealDecision, recordDecreeDelivery } from '../../../functions/use-cases/sanction/appeals.ts';
import { putSettings } from '../../../functions/use-cases/directory.ts';
import { getStats } from '../../../functions/use-cases/stats.ts';
import { ConflictError, InputError, NotFoundError, RuleError } from '../../../functions/domain/errors.ts';
import { DEFAULT_SETTINGS } from '../../../functions/domain/directory.schema.ts';
import { verifyChain } from '../../../functions/domain/timeline-chain.ts';
import type { Fakes } from '../../support/fakes.ts';
import { bantul, REGION, sanctionedWith, waitingAt } from '../../support/scenarios.ts';

const DECIDED = '2024-12-02T03:00:00.000Z'; // Monday 2024-12-02 10:00 WIB
const refusal = (call: Promise<unknown>) => call.then(() => null, (e: unknown) => e);
const stored = async (fakes: Fakes, id: string) => (await fakes.reports.get(REGION, id))!;
const counters = (fakes: Fakes) => fakes.reportQueries.counters(REGION, 'pilkada-2024');
const keberatan = (filedAt: string) => ({ kind: 'KEBERATAN' as const, filedAt, grounds: 'Saya hanya hadir pasif, tanpa atribut.', documentUrls: [] });

async function sanctioned(sanction: Parameters<typeof sanctionedWith>[1] = 'POTONG_TUKIN_9') {
  const fakes = await bantul({ now: DECIDED });
  const report = await sanctionedWith(fakes, sanction);
  return { fakes, report };
}

describe('recordDecreeDelivery', () => {
  it('sets deliveredAt, appealBy 14 working days later (past Christmas, cuti bersama and New Year) and effectiveAt the 15th day', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2025-01-02T03:00:00Z'));
    const sanction = await recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-20T10:00:00+07:00' });
    // 23, 24, 27, 30, 31 Dec; 2, 3, 6, 7, 8, 9, 10, 13, 14 Jan: 25 Dec and 1 Jan are holidays, 26 Dec joint leave.
    expect(sanction).toMatchObject({ deliveredAt: '2024-12-20T03:00:00.000Z', appealBy: '2025-01-14T16:59:59.999Z', effectiveAt: '2025-01-03T17:00:00.000Z' });
    expect(sanction.calendarNote).toBeUndefined();
    const after = await stored(fakes, report.id);
    expect(after.report.sanction).toEqual(sanction);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'DECREE_DELIVERED', actor: 'REGION', status: 'SANCTIONED' });
    expect(after.timeline.at(-1)!.note).toContain('2025-01-14 23:59 WIB');
    expect(verifyChain(report.id, after.timeline as never, after.report.timelineHash).intact).toBe(true);
  });

  it('skips the region\'s own holidays too, and keeps them when a later settings PUT leaves them out', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2025-01-02T03:00:00Z'));
    await putSettings(fakes, REGION, { ...DEFAULT_SETTINGS, holidays: ['2025-01-13', '2025-01-06'] });
    await putSettings(fakes, REGION, structuredClone(DEFAULT_SETTINGS));
    expect((await fakes.directory.getSettings(REGION)).holidays).toEqual(['2025-01-06', '2025-01-13']);
    const sanction = await recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-20T10:00:00+07:00' });
    expect(sanction.appealBy).toBe('2025-01-16T16:59:59.999Z');
  });

  it('says when a year it counted through has no holiday data (weekends only)', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2027-01-20T03:00:00Z'));
    const sanction = await recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2026-12-30T10:00:00+07:00' });
    expect(sanction.calendarNote).toContain('2027');
    expect((await stored(fakes, report.id)).timeline.at(-1)!.note).toContain('Tahun 2027');
  });

  it('refuses a future date, a date before the decision, a second delivery, and a report without a sanction', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2024-12-10T03:00:00Z'));
    const future = await refusal(recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-11T10:00:00+07:00' }));
    expect((future as InputError).errors.map((e) => e.path)).toEqual(['deliveredAt']);
    const early = await refusal(recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-01T10:00:00+07:00' }));
    expect(early).toBeInstanceOf(InputError);
    await recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-09T10:00:00+07:00' });
    expect(await refusal(recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-09T10:00:00+07:00' }))).toBeInstanceOf(ConflictError);
    const open = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    expect(await refusal(recordDecreeDelivery(fakes, REGION, open.report.id, { deliveredAt: '2024-12-09T10:00:00+07:00' }))).toBeInstanceOf(ConflictError);
    expect(await refusal(recordDecreeDelivery(fakes, REGION, '01J0000000000000000000000Z', { deliveredAt: '2024-12-09T10:00:00+07:00' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('fileAppeal', () => {
  it('an objection in time is OPEN with decideBy 21 working days later, counted filed and open', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2025-01-06T03:00:00Z'));
    await recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-20T10:00:00+07:00' });
    const answer = await fileAppeal(fakes, REGION, report.id, keberatan('2025-01-06T09:00:00+07:00'));
    // 21 working days after Mon 6 Jan 2025: 7 Jan .. 4 Feb, skipping 27 Jan (Isra Mikraj), 28 (cuti bersama), 29 (Imlek).
    expect(answer).toEqual({ appealId: expect.any(String), status: 'OPEN', decideBy: '2025-02-07T16:59:59.999Z' });
    const after = await stored(fakes, report.id);
    expect(after.report.appeals).toEqual([expect.objectContaining({ id: answer.appealId, kind: 'KEBERATAN', status: 'OPEN', appealBy: '2025-01-14T16:59:59.999Z' })]);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'APPEAL_FILED', status: 'SANCTIONED' });
    // Filed in time: the outcome decides when the sanction takes effect, not the 15th day.
    expect(after.report.sanction).toMatchObject({ deliveredAt: '2024-12-20T03:00:00.000Z' });
    expect(after.report.sanction!.effectiveAt).toBeUndefined();
    expect((await getStats(fakes, REGION, 'pilkada-2024')).appeals).toEqual({
      filed: 1, notAdmissible: 0, open: 1, overdue: 0, decided: 0, byOutcome: { KUATKAN: 0, RINGANKAN: 0, PERBERAT: 0, UBAH: 0, BATALKAN: 0 },
    });
  });

  it('filed after appealBy: NOT_ADMISSIBLE, no decideBy, nothing else changes (another may follow, none is open)', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2025-01-20T03:00:00Z'));
    await recordDecreeDelivery(fakes, REGION, report.id, { deliveredAt: '2024-12-20T10:00:00+07:00' });
    const late = await fileAppeal(fakes, REGION, report.id, keberatan('2025-01-15T08:00:00+07:00'));
    expect(late).toEqual({ appealId: expect.any(String), status: 'NOT_ADMISSIBLE' });
    const after = await stored(fakes, report.id);
    expect(after.report.status).toBe('SANCTIONED');
    expect(after.report.sanction).toMatchObject({ sanction: 'POTONG_TUKIN_9', effectiveAt: '2025-01-03T17:00:00.000Z' });
    expect(await counters(fakes)).toMatchObject({ appeals_filed: 1, appeals_notAdmissible: 1 });
    expect((await counters(fakes)).appeals_open).toBeUndefined();
  });

  it('before delivery is recorded the window counts from the decision\'s date', async () => {
    const { fakes, report } = await sanctioned();
    // 14 working days after Mon 2 Dec 2024: 3..20 Dec.
    fakes.clock.set(new Date('2024-12-23T03:00:00Z'));
    expect((await fileAppeal(fakes, REGION, report.id, keberatan('2024-12-20T16:00:00+07:00'))).status).toBe('OPEN');
    const { fakes: other, report: second } = await sanctioned();
    other.clock.set(new Date('2024-12-23T03:00:00Z'));
    expect((await fileAppeal(other, REGION, second.id, keberatan('2024-12-23T08:00:00+07:00'))).status).toBe('NOT_ADMISSIBLE');
  });

  it('422 naming the rule: a moral sanction has no appeal; KEBERATAN against PEMBERHENTIAN; BANDING against anything else', async () => {
    for (const [sanction, kind, words] of [
      ['MORAL_TERBUKA', 'KEBERATAN', 'PP 42/2004'], ['MORAL_TERTUTUP', 'BANDING', 'PP 42/2004'],
      ['PEMBERHENTIAN', 'KEBERATAN', 'BPASN'], ['POTONG_TUKIN_9', 'BANDING', 'pemberhentian'],
    ] as const) {
      const { fakes, report } = await sanctioned(sanction);
      const writes = fakes.reports.applied.length;
      const error = await refusal(fileAppeal(fakes, REGION, report.id, { ...keberatan('2024-12-02T11:00:00+07:00'), kind }));
      expect(error, sanction).toBeInstanceOf(RuleError);
      expect((error as RuleError).errors[0]).toMatchObject({ path: 'kind', message: expect.stringContaining(words) });
      expect(fakes.reports.applied).toHaveLength(writes);
    }
  });

  it('one open appeal per report (409); dates not in the future nor before the decision (400)', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2024-12-05T03:00:00Z'));
    await fileAppeal(fakes, REGION, report.id, keberatan('2024-12-04T08:00:00+07:00'));
    expect(await refusal(fileAppeal(fakes, REGION, report.id, keberatan('2024-12-04T09:00:00+07:00')))).toBeInstanceOf(ConflictError);
    const { fakes: other, report: second } = await sanctioned();
    other.clock.set(new Date('2024-12-05T03:00:00Z'));
    const future = await refusal(fileAppeal(other, REGION, second.id, keberatan('2024-12-06T08:00:00+07:00')));
    expect((future as InputError).errors.map((e) => e.path)).toEqual(['filedAt']);
    const early = await refusal(fileAppeal(other, REGION, second.id, keberatan('2024-12-01T08:00:00+07:00')));
    expect((early as InputError).errors.map((e) => e.path)).toEqual(['filedAt']);
  });

  it('two filings racing: the one that wrote second reads the new state and answers 409, counters count one', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2024-12-05T03:00:00Z'));
    // The second filing read the report before the first one's write landed.
    fakes.reports.before.transition.once(async () => {
      await fileAppeal(fakes, REGION, report.id, keberatan('2024-12-04T08:00:00+07:00'));
    });
    expect(await refusal(fileAppeal(fakes, REGION, report.id, keberatan('2024-12-04T09:00:00+07:00')))).toBeInstanceOf(ConflictError);
    expect((await stored(fakes, report.id)).report.appeals).toHaveLength(1);
    expect(await counters(fakes)).toMatchObject({ appeals_filed: 1, appeals_open: 1 });
  });
});

describe('recordAppealDecision (BANDING)', () => {
  async function banding() {
    const { fakes, report } = await sanctioned('PEMBERHENTIAN');
    fakes.clock.set(new Date('2024-12-10T03:00:00Z'));
    const { appealId, decideBy } = await fileAppeal(fakes, REGION, report.id, { ...keberatan('2024-12-09T08:00:00+07:00'), kind: 'BANDING' });
    return { fakes, report, appealId, decideBy };
  }

  it('is OPEN with decideBy 65 working days after filing', async () => {
    const { decideBy } = await banding();
    // 65 working days after Mon 9 Dec 2024, past Christmas, New Year, Isra Mikraj, Imlek and their joint leave.
    expect(decideBy).toBe('2025-03-18T16:59:59.999Z');
  });

  it('RINGANKAN moves the sanction (the old one in sanctionHistory) and the level counters, exactly', async () => {
    const { fakes, report, appealId } = await banding();
    const answer = await recordAppealDecision(fakes, REGION, report.id, appealId, { outcome: 'RINGANKAN', decisionNumber: 'BPASN/12/2024', decidedAt: '2024-12-10T09:00:00+07:00', sanction: 'PEMBEBASAN_JABATAN_12' });
    expect(answer).toMatchObject({
      status: 'DECIDED', reportStatus: 'SANCTIONED',
      sanction: { sanction: 'PEMBEBASAN_JABATAN_12', level: 'BERAT', decreeNumber: 'BPASN/12/2024', byAppeal: appealId, effectiveAt: '2024-12-10T02:00:00.000Z' },
    });
    const after = await stored(fakes, report.id);
    expect(after.report.sanctionHistory).toEqual([expect.objectContaining({ sanction: 'PEMBERHENTIAN', decreeNumber: '800/1/2024', until: '2024-12-10T02:00:00.000Z' })]);
    expect(after.report.appeals![0]).toMatchObject({ status: 'DECIDED', decision: { outcome: 'RINGANKAN', by: { name: 'BPASN' } } });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'APPEAL_DECIDED', actor: 'BPASN', status: 'SANCTIONED' });
    expect(await counters(fakes)).toMatchObject({ level_BERAT: 1, outcome_SANCTIONED: 1, appeals_open: 0, appeals_decided: 1, appeals_outcome_RINGANKAN: 1 });
    expect(verifyChain(report.id, after.timeline as never, after.report.timelineHash).intact).toBe(true);
  });

  it('a lighter sanction of another level moves the level counters; followUp is left as the PPK closed it', async () => {
    const { fakes, report, appealId } = await banding();
    const before = await counters(fakes);
    await recordAppealDecision(fakes, REGION, report.id, appealId, { outcome: 'RINGANKAN', decisionNumber: 'BPASN/13/2024', decidedAt: '2024-12-10T09:00:00+07:00', sanction: 'POTONG_TUKIN_12' });
    const after = await counters(fakes);
    expect([after.level_BERAT, after.level_SEDANG]).toEqual([0, 1]);
    for (const name of Object.keys(before).filter((n) => n.startsWith('followUp_'))) expect(after[name], name).toBe(before[name]);
  });

  it('BATALKAN dismisses the report: status, outcome and level counters move once, the sanction goes to history', async () => {
    const { fakes, report, appealId } = await banding();
    await recordAppealDecision(fakes, REGION, report.id, appealId, { outcome: 'BATALKAN', decisionNumber: 'BPASN/14/2024', decidedAt: '2024-12-10T09:00:00+07:00' });
    const after = await stored(fakes, report.id);
    expect(after.report.status).toBe('DISMISSED');
    expect(after.report.sanction).toBeUndefined();
    expect(after.report.sanctionHistory).toHaveLength(1);
    expect(await counters(fakes)).toMatchObject({
      status_SANCTIONED: 0, status_DISMISSED: 1, outcome_SANCTIONED: 0, outcome_DISMISSED: 1, level_BERAT: 0, appeals_outcome_BATALKAN: 1,
    });
    // Decided: a second recording is a conflict, and nothing moves twice.
    expect(await refusal(recordAppealDecision(fakes, REGION, report.id, appealId, { outcome: 'BATALKAN', decisionNumber: 'x', decidedAt: '2024-12-10T09:00:00+07:00' }))).toBeInstanceOf(ConflictError);
    expect((await counters(fakes)).outcome_DISMISSED).toBe(1);
  });

  it('checks the sanction against the outcome (400 naming sanction) and writes nothing', async () => {
    const { fakes, report, appealId } = await banding();
    const writes = fakes.reports.applied.length;
    for (const body of [
      { outcome: 'RINGANKAN' as const },
      { outcome: 'PERBERAT' as const, sanction: 'POTONG_TUKIN_6' as const },
      { outcome: 'UBAH' as const, sanction: 'POTONG_TUKIN_6' as const },
      { outcome: 'UBAH' as const, sanction: 'PEMBERHENTIAN' as const },
      { outcome: 'KUATKAN' as const, sanction: 'PEMBERHENTIAN' as const },
      { outcome: 'RINGANKAN' as const, sanction: 'MORAL_TERBUKA' as const },
    ]) {
      const error = await refusal(recordAppealDecision(fakes, REGION, report.id, appealId, { ...body, decisionNumber: 'B/1', decidedAt: '2024-12-10T09:00:00+07:00' }));
      expect((error as InputError).errors?.map((e) => e.path), JSON.stringify(body)).toEqual(['sanction']);
    }
    const future = await refusal(recordAppealDecision(fakes, REGION, report.id, appealId, { outcome: 'KUATKAN', decisionNumber: 'B/1', decidedAt: '2024-12-11T09:00:00+07:00' }));
    expect((future as InputError).errors.map((e) => e.path)).toEqual(['decidedAt']);
    expect(fakes.reports.applied).toHaveLength(writes);
  });

  it('an objection is not recorded here (409), and an unknown appeal is 404', async () => {
    const { fakes, report } = await sanctioned();
    fakes.clock.set(new Date('2024-12-05T03:00:00Z'));
    const { appealId } = await fileAppeal(fakes, REGION, report.id, keberatan('2024-12-04T08:00:00+07:00'));
    expect(await refusal(recordAppealDecision(fakes, REGION, report.id, appealId, { outcome: 'KUATKAN', decisionNumber: 'x', decidedAt: '2024-12-04T09:00:00+07:00' }))).toBeInstanceOf(ConflictError);
    const unknown = await refusal(recordAppealDecision(fakes, REGION, report.id, '01J0000000000000000000000Z', { outcome: 'KUATKAN', decisionNumber: 'x', decidedAt: '2024-12-04T09:00:00+07:00' }));
    expect(unknown).toBeInstanceOf(NotFoundError);
    // The caller reads the answer's detail: Indonesian and English, as every other 404.
    expect((unknown as Error).message).toBe('Keberatan/banding 01J0000000000000000000000Z tidak ditemukan pada laporan ini / appeal not found on this report');
    const noReport = await refusal(fileAppeal(fakes, REGION, '01J0000000000000000000000Z', keberatan('2024-12-04T08:00:00+07:00')));
    expect((noReport as Error).message).toBe('Laporan 01J0000000000000000000000Z tidak ditemukan / report not found');
  });
});
