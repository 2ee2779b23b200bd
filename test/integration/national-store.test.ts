// The national store against DynamoDB Local: the follow-up item moved by the reports' own transactions (equal to the
// region's followUp counters, exact when a transition loses its condition), a body's list from its own index
// (filters, cursor, no other body's), contacts and digest marks; and the same answers from the fakes.
import { beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '../../functions/composition/root.ts';
import type { StoredReport } from '../../functions/domain/report.schema.ts';
import { ulid, receiptCode } from '../../functions/domain/ids.ts';
import { TransitionConflict } from '../../functions/domain/errors.ts';
import { fakeDependencies } from '../support/fakes.ts';

const deps = dependencies();
const fakes = fakeDependencies();
const first = { at: '2024-10-01T00:00:00.000Z', actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' as const };

function report(regionId: string, n: number, body?: 'BKN' | 'BAWASLU_RI'): StoredReport {
  const at = new Date(Date.UTC(2024, 9, 1) + n * 60_000).toISOString();
  return {
    id: ulid(Date.parse(at)), receiptCode: receiptCode(), regionId, electionId: 'pilkada-2024', incidentDate: '2024-09-30',
    stage: 'KAMPANYE', category: 'ATRIBUT', description: 'd', location: 'l', evidenceUrls: [],
    employee: { nip: '198001012005011001', name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' },
    reporter: { kind: 'BAWASLU' }, status: 'AWAITING_BKPP_ASSESSMENT', decisions: [], createdAt: at, updatedAt: at,
    ...(body ? { nationalBody: body, source: { kind: body === 'BKN' ? 'BKN_RECOMMENDATION' : 'BAWASLU_RECOMMENDATION', number: `R-${n}`, issuedAt: '2024-09-30' } } : {}),
  } as StoredReport;
}

beforeAll(async () => {
  for (const store of [deps, fakes]) {
    for (const [id, name] of [['21.01', 'Kabupaten Satu'], ['21.02', 'Kabupaten Dua']] as const) {
      await store.regions.put({ id, name, agencyName: 'BKD' });
      await store.directory.putOpd(id, 'disdik', { name: 'Dinas Pendidikan' }, first.at);
    }
  }
});

/** The same writes on the adapter and on the fakes. */
async function both(work: (store: typeof deps | typeof fakes) => Promise<unknown>) {
  await work(deps);
  await work(fakes);
}

describe('dynamoNationalStore', () => {
  it('keeps each region\'s follow-up item equal to its followUp counters, closes and actions included, once under a lost condition', async () => {
    const reports = [report('21.01', 1, 'BKN'), report('21.01', 2, 'BAWASLU_RI'), report('21.01', 3), report('21.02', 4, 'BKN')];
    await both(async (store) => {
      for (const r of reports) await store.reports.create(r, first);
      const [a, b] = reports as [StoredReport, StoredReport];
      const at = '2024-10-01T00:10:00.000Z';
      await store.reports.transition({ report: a, from: a.status, at, overdueAt: at, timeline: [{ at, actor: 'SYSTEM', action: 'REPORT_OVERDUE' }] });
      // The overdue step run again: its condition fails and nothing moves.
      await expect(store.reports.transition({ report: a, from: a.status, at, overdueAt: at, timeline: [] })).rejects.toBeInstanceOf(TransitionConflict);
      const closedAt = '2024-10-04T00:00:00.000Z';
      await store.reports.transition({ report: b, from: b.status, to: 'DISMISSED', at: closedAt, decision: { step: 'BKPP_ASSESSMENT', outcome: 'DISMISS', by: { name: 'K', role: 'BKPP' }, at: closedAt }, timeline: [{ at: closedAt, actor: 'BKPP', action: 'DISMISSED' }] });
      await store.reports.transition({ report: a, from: a.status, at, nationalAction: { id: 'a1', body: 'BKN', kind: 'TEGURAN', letterNumber: '1/2024', at }, timeline: [{ at, actor: 'BKN', action: 'NATIONAL_ACTION' }] });
    });
    const rows = async (store: typeof deps | typeof fakes) =>
      Object.fromEntries((await store.national.followUp('pilkada-2024')).map(({ region, counters }) => [region.id, { name: region.name, counters }]));
    const real = await rows(deps);
    expect(real).toEqual({
      '21.01': { name: 'Kabupaten Satu', counters: { recommendations: 2, overdue: 1, closed: 1, closedOnTime: 1, daysToClose_2: 1, action_TEGURAN: 1 } },
      '21.02': { name: 'Kabupaten Dua', counters: { recommendations: 1 } },
    });
    expect(await rows(fakes)).toEqual(real);
    const region = await deps.reportQueries.counters('21.01', 'pilkada-2024');
    expect(region).toMatchObject({ followUp_recommendations: 2, followUp_overdue: 1, followUp_closed: 1, followUp_closedOnTime: 1 });
    expect(await deps.national.followUp('pemilu-2024')).toEqual([]);
  });

  it('lists a body\'s recommendations newest first from its own index, filtered and paged, and never another body\'s', async () => {
    for (let n = 10; n < 15; n++) await both((store) => store.reports.create(report(n % 2 ? '21.01' : '21.02', n, 'BAWASLU_RI'), first));
    const ids = async (store: typeof deps | typeof fakes, query: Parameters<typeof deps.national.recommendations>[1]) => {
      const page = await store.national.recommendations('BAWASLU_RI', query);
      return { numbers: page.items.map((r) => (r.source as { number: string }).number), more: page.nextCursor !== null };
    };
    for (const store of [deps, fakes]) {
      expect(await ids(store, { limit: 25 })).toEqual({ numbers: ['R-14', 'R-13', 'R-12', 'R-11', 'R-10', 'R-2'], more: false });
      expect(await ids(store, { limit: 25, regionId: '21.02' })).toEqual({ numbers: ['R-14', 'R-12', 'R-10'], more: false });
      expect(await ids(store, { limit: 25, status: 'DISMISSED' })).toEqual({ numbers: ['R-2'], more: false });
      const page = await store.national.recommendations('BAWASLU_RI', { limit: 2 });
      expect(page.items.map((r) => (r.source as { number: string }).number)).toEqual(['R-14', 'R-13']);
      const next = await store.national.recommendations('BAWASLU_RI', { limit: 2, cursor: page.nextCursor! });
      expect(next.items.map((r) => (r.source as { number: string }).number)).toEqual(['R-12', 'R-11']);
    }
    const bkn = await deps.national.recommendations('BKN', { limit: 25 });
    expect(bkn.items.map((r) => r.nationalBody)).toEqual(['BKN', 'BKN']);
    // A cursor of Bawaslu RI's list does not continue BKN's.
    const page = await deps.national.recommendations('BAWASLU_RI', { limit: 1 });
    await expect(deps.national.recommendations('BKN', { limit: 1, cursor: page.nextCursor! })).rejects.toThrow('Invalid input');
  });

  it('keeps each body\'s contact and its weekly digest marks apart', async () => {
    await deps.national.putContact('BKN', { name: 'Wasdal', email: 'w@bkn.test' }, first.at);
    expect(await deps.national.getContact('BKN')).toEqual({ name: 'Wasdal', email: 'w@bkn.test' });
    expect(await deps.national.getContact('BAWASLU_RI')).toBeNull();
    await deps.national.markDigestSent('BKN', '2024-10-14', first.at);
    expect(await deps.national.digestSentAt('BKN', '2024-10-14')).toBe(first.at);
    expect(await deps.national.digestSentAt('BAWASLU_RI', '2024-10-14')).toBeNull();
  });
});
