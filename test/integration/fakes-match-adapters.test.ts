// The fakes answer as the DynamoDB adapters do: the same cases run against both, so a use-case unit test over the
// fakes (test/unit/use-cases/) meets the conditional writes, the conflict reasons and the outcomes it meets in AWS.
import { describe, expect, it } from 'vitest';
import { adminDependencies } from '../support/admin-dependencies.ts';
import { TransitionConflict } from '../../functions/domain/errors.ts';
import { receiptCode, ulid } from '../../functions/domain/ids.ts';
import type { StoredReport, TimelineEntry } from '../../functions/domain/report.schema.ts';
import type { StoredCeremony } from '../../functions/domain/ceremony.schema.ts';
import type { Risk } from '../../functions/domain/satgas.schema.ts';
import type { Dependencies, ReportMigrations } from '../../functions/ports.ts';
import type { ReportTransition } from '../../functions/domain/transition.ts';
import type { DecisionRecord } from '../../functions/domain/decision-record.ts';
import { verifyChain } from '../../functions/domain/timeline-chain.ts';
import { fakeDependencies } from '../support/fakes.ts';

type Stores = Pick<Dependencies, 'reports' | 'reportQueries' | 'digests' | 'claims' | 'failedNotices' | 'decisions' | 'directory' | 'ceremonies' | 'satgas'>
  & { migrations: ReportMigrations };
const IMPLEMENTATIONS: Array<[string, () => Stores]> = [
  ['the fakes', () => fakeDependencies()],
  ['the DynamoDB adapters', () => adminDependencies()],
];

let regions = 0;
const AT = '2024-10-02T03:00:00.000Z';
const MID = '2024-10-02T03:30:00.000Z';
const LATER = '2024-10-02T04:00:00.000Z';

/** A region of its own for each case (the DynamoDB table is shared by the file), with one OPD. */
async function region(stores: Stores): Promise<string> {
  const regionId = `fake-contract-${process.pid}-${++regions}`;
  await stores.directory.putOpd(regionId, 'disdik', { name: 'Dinas Pendidikan' }, AT);
  return regionId;
}

function report(regionId: string, overrides: Partial<StoredReport> = {}): StoredReport {
  return {
    id: ulid(), receiptCode: receiptCode(), regionId, electionId: 'pilkada-2024', incidentDate: '2024-10-01', stage: 'KAMPANYE', category: 'ATRIBUT',
    description: 'd', location: 'l', evidenceUrls: [], employee: { nip: '198001012005011001', name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' },
    reporter: { kind: 'SATGAS' }, status: 'RECEIVED', decisions: [], createdAt: AT, updatedAt: AT, ...overrides,
  };
}
const submitted: TimelineEntry = { at: AT, actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' };

function record(r: StoredReport, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    key: `k-${ulid()}`, nonce: 'n', regionId: r.regionId, reportId: r.id, step: 'OPD_REVIEW', approver: { role: 'OPD_HEAD', name: 'H', email: 'h@x.example' },
    status: 'PENDING', createdAt: AT, remindAt: LATER, expiresAt: LATER, ...overrides,
  };
}

/** A report waiting at the OPD review with one live link. */
async function waiting(stores: Stores) {
  const r = report(await region(stores));
  await stores.reports.create(r, submitted);
  const link = record(r);
  await stores.reports.transition({ report: r, from: 'RECEIVED', to: 'AWAITING_OPD_REVIEW', at: AT, timeline: [], record: { create: link, replaces: null } });
  return { r, link };
}

async function conflict(stores: Stores, change: ReportTransition): Promise<TransitionConflict['reason'] | 'none'> {
  const before = await stores.reports.get(change.report.regionId, change.report.id);
  const counters = await stores.reportQueries.counters(change.report.regionId, change.report.electionId);
  const error = await stores.reports.transition(change).then(() => null, (e: unknown) => e);
  if (!error) return 'none';
  expect(error).toBeInstanceOf(TransitionConflict);
  // A refused transition writes nothing.
  expect(await stores.reports.get(change.report.regionId, change.report.id)).toEqual(before);
  expect(await stores.reportQueries.counters(change.report.regionId, change.report.electionId)).toEqual(counters);
  return (error as TransitionConflict).reason;
}

const decide = (outcome: 'FORWARD' | 'DISMISS') => ({ step: 'OPD_REVIEW' as const, outcome, by: { name: 'H', role: 'OPD_HEAD' }, at: AT });

describe.each(IMPLEMENTATIONS)('%s', (_, make) => {
  describe('ReportStore.create', () => {
    it('created, then exists with whether the request was the same; unknown-opd writes nothing', async () => {
      const stores = make();
      const regionId = await region(stores);
      const r = report(regionId);
      expect((await stores.reports.create(r, submitted, 'h1')).outcome).toBe('created');
      expect(await stores.reports.create({ ...r, description: 'other' }, submitted, 'h1')).toMatchObject({ outcome: 'exists', sameRequest: true, report: { description: 'd' } });
      expect(await stores.reports.create(r, submitted, 'h2')).toMatchObject({ outcome: 'exists', sameRequest: false });
      const stray = report(regionId, { employee: { ...r.employee, opdId: 'fiktif' } });
      expect(await stores.reports.create(stray, submitted)).toEqual({ outcome: 'unknown-opd' });
      expect(await stores.reports.get(regionId, stray.id)).toBeNull();
      expect(await stores.reportQueries.counters(regionId, 'pilkada-2024')).toEqual({ total: 1, status_RECEIVED: 1, category_ATRIBUT: 1, stage_KAMPANYE: 1 });
      expect(await stores.reportQueries.findByReceipt(r.receiptCode)).toEqual({ status: 'RECEIVED', updatedAt: AT });
    });
  });

  describe('ReportStore.transition', () => {
    it('moves status and counters, counts what the transition means, chains the timeline entries, and sets the report\'s fields', async () => {
      const stores = make();
      const { r, link } = await waiting(stores);
      await stores.reports.transition({
        report: r, from: 'AWAITING_OPD_REVIEW', to: 'DISMISSED', at: MID, decision: decide('DISMISS'),
        timeline: [{ at: MID, actor: 'OPD_HEAD', action: 'DISMISSED' }, { at: AT, actor: 'SYSTEM', action: 'EARLIER' }],
        record: { key: link.key, to: 'USED', decision: decide('DISMISS') },
      });
      const found = (await stores.reports.get(r.regionId, r.id))!;
      expect(found.report).toMatchObject({ status: 'DISMISSED', updatedAt: MID, decisions: [decide('DISMISS')], pendingDecision: link.key });
      // Chain order is the order appended (not the entries' times), each entry hashed onto the one before.
      expect(found.timeline.map((e) => e.action)).toEqual(['SUBMITTED', 'DISMISSED', 'EARLIER']);
      expect(verifyChain(r.id, found.timeline as Array<Record<string, unknown>>, found.report.timelineHash)).toMatchObject({ intact: true, entries: 3 });
      expect(await stores.reportQueries.counters(r.regionId, 'pilkada-2024')).toMatchObject({
        status_RECEIVED: 0, status_AWAITING_OPD_REVIEW: 0, status_DISMISSED: 1, outcome_DISMISSED: 1,
      });
      // It was not overdue: the close takes no overdue count back.
      expect(await stores.reportQueries.counters(r.regionId, 'pilkada-2024')).not.toHaveProperty('overdue');
      expect(await stores.decisions.get(link.key)).toMatchObject({ status: 'USED', decision: decide('DISMISS') });
    });

    it('report: the status moved, or overdue is not as expected', async () => {
      const stores = make();
      const { r } = await waiting(stores);
      expect(await conflict(stores, { report: r, from: 'RECEIVED', at: LATER, timeline: [] })).toBe('report');
      // A closing decision holds only while the report is as overdue as it was read (domain/counters.ts overdueGuard).
      const closing = (read: StoredReport): ReportTransition => ({ report: read, from: 'AWAITING_OPD_REVIEW', to: 'DISMISSED', at: LATER, timeline: [], decision: decide('DISMISS') });
      expect(await conflict(stores, closing({ ...r, overdueAt: LATER }))).toBe('report');
      // An overdue mark holds only while the report is not overdue yet.
      await stores.reports.transition({ report: r, from: 'AWAITING_OPD_REVIEW', at: LATER, timeline: [], overdueAt: LATER });
      expect(await conflict(stores, { report: r, from: 'AWAITING_OPD_REVIEW', at: LATER, timeline: [], overdueAt: LATER })).toBe('report');
      expect(await conflict(stores, closing(r))).toBe('report');
      expect(await conflict(stores, closing({ ...r, overdueAt: LATER }))).toBe('none');
      expect(await stores.reportQueries.counters(r.regionId, 'pilkada-2024')).toMatchObject({ overdue: 0, outcome_DISMISSED: 1 });
    });

    it('a new link: report when it does not replace the live one, decision when its key exists', async () => {
      const stores = make();
      const { r, link } = await waiting(stores);
      expect(await conflict(stores, { report: r, from: 'AWAITING_OPD_REVIEW', at: LATER, timeline: [], record: { create: record(r), replaces: null } })).toBe('report');
      expect(await conflict(stores, { report: r, from: 'AWAITING_OPD_REVIEW', at: LATER, timeline: [], record: { create: record(r), replaces: 'another' } })).toBe('report');
      expect(await conflict(stores, { report: r, from: 'AWAITING_OPD_REVIEW', at: LATER, timeline: [], record: { create: link, replaces: link.key } })).toBe('decision');
      const next = record(r);
      expect(await conflict(stores, { report: r, from: 'AWAITING_OPD_REVIEW', at: LATER, timeline: [], record: { create: next, replaces: link.key } })).toBe('none');
      expect((await stores.reports.get(r.regionId, r.id))!.report.pendingDecision).toBe(next.key);
    });

    it('using a link: report when it is not the live one or the report moved on; decision when used already or past its expiry', async () => {
      const stores = make();
      const { r, link } = await waiting(stores);
      const newer = record(r);
      const stale = record(r);
      await stores.reports.transition({ report: r, from: 'AWAITING_OPD_REVIEW', at: AT, timeline: [], record: { create: stale, replaces: link.key } });
      await stores.reports.transition({ report: r, from: 'AWAITING_OPD_REVIEW', at: AT, timeline: [], record: { create: newer, replaces: stale.key } });
      const use = (key: string, at = AT): ReportTransition => ({ report: r, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', at, timeline: [], record: { key, to: 'USED', decision: decide('FORWARD') } });
      expect(await conflict(stores, use(stale.key))).toBe('report');
      expect(await conflict(stores, use(newer.key, LATER))).toBe('decision'); // expiresAt is not after LATER
      expect(await conflict(stores, use(newer.key))).toBe('none');
      // Used and moved on both: the status is read before the transaction, so the report's reason comes first.
      expect(await conflict(stores, use(newer.key))).toBe('report');
      const back = { ...use(newer.key), from: 'AWAITING_BKPP_ASSESSMENT' as const, to: 'AWAITING_PPK_DECISION' as const };
      expect(await conflict(stores, back)).toBe('decision');
    });

    it('expiring and marking: decision once expired or marked; an unknown record is a decision conflict', async () => {
      const stores = make();
      const { r, link } = await waiting(stores);
      const at = (record: ReportTransition['record']): ReportTransition => ({ report: r, from: 'AWAITING_OPD_REVIEW', at: AT, timeline: [], record });
      expect(await conflict(stores, at({ key: link.key, mark: 'requestMailedAt' }))).toBe('none');
      expect(await conflict(stores, at({ key: link.key, mark: 'requestMailedAt' }))).toBe('decision');
      expect(await conflict(stores, at({ key: 'no-such-record', mark: 'reminderMailedAt' }))).toBe('decision');
      expect(await conflict(stores, at({ key: link.key, to: 'EXPIRED' }))).toBe('none');
      expect(await conflict(stores, at({ key: link.key, to: 'EXPIRED' }))).toBe('decision');
      expect(await stores.decisions.get(link.key)).toMatchObject({ status: 'EXPIRED', requestMailedAt: AT });
    });

    it('a change named `once` is applied once: its repeat is a once conflict and writes nothing', async () => {
      const stores = make();
      const { r } = await waiting(stores);
      const mark = (): ReportTransition => ({ report: r, from: 'AWAITING_OPD_REVIEW', at: AT, timeline: [{ at: AT, actor: 'SYSTEM', action: 'BAWASLU_NOTIFIED' }], once: 'notice:report.closed' });
      expect(await conflict(stores, mark())).toBe('none');
      expect(await conflict(stores, mark())).toBe('once');
      expect(await conflict(stores, { ...mark(), once: 'notice:report.overdue' })).toBe('none');
      expect((await stores.reports.get(r.regionId, r.id))!.timeline.filter((e) => e.action === 'BAWASLU_NOTIFIED')).toHaveLength(2);
    });

    it('handing over: the old record HANDED_OVER to the new one, which becomes the live link; only once', async () => {
      const stores = make();
      const { r, link } = await waiting(stores);
      const next = record(r, { handedFrom: link.key, origin: link.key });
      const handOver = (to: DecisionRecord, key = link.key): ReportTransition => ({ report: r, from: 'AWAITING_OPD_REVIEW', at: AT, timeline: [], record: { handOver: { key, to } } });
      expect(await conflict(stores, handOver(next))).toBe('none');
      expect(await stores.decisions.get(link.key)).toMatchObject({ status: 'HANDED_OVER', handedTo: next.key });
      expect(await stores.decisions.get(next.key)).toMatchObject({ status: 'PENDING', handedFrom: link.key });
      expect((await stores.reports.get(r.regionId, r.id))!.report.pendingDecision).toBe(next.key);
      expect(await conflict(stores, handOver(record(r)))).toBe('decision');
      // Handed on again: the round's first record points at the newest too; a round whose first record is gone is
      // a conflict, not a half-written hand-over.
      expect(await conflict(stores, handOver(record(r, { handedFrom: next.key, origin: 'f'.repeat(64) }), next.key))).toBe('decision');
      const third = record(r, { handedFrom: next.key, origin: link.key });
      expect(await conflict(stores, handOver(third, next.key))).toBe('none');
      expect(await stores.decisions.get(link.key)).toMatchObject({ status: 'HANDED_OVER', handedTo: third.key });
      expect(await stores.decisions.get(next.key)).toMatchObject({ status: 'HANDED_OVER', handedTo: third.key });
    });
  });

  describe('ReportStore bookkeeping, DigestMarks and ReportMigrations', () => {
    it('a follow-up due time is set once; a transition that counts nothing writes no counter; a forward moves only the status', async () => {
      const stores = make();
      const { r } = await waiting(stores);
      const before = await stores.reportQueries.counters(r.regionId, 'pilkada-2024');
      await stores.reports.transition({ report: r, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_OPD_REVIEW', at: AT, timeline: [], followUpDueAt: MID });
      await stores.reports.transition({ report: r, from: 'AWAITING_OPD_REVIEW', at: AT, timeline: [], followUpDueAt: LATER });
      expect((await stores.reports.get(r.regionId, r.id))!.report.followUpDueAt).toBe(MID);
      expect(await stores.reportQueries.counters(r.regionId, 'pilkada-2024')).toEqual(before);
      await stores.reports.transition({ report: r, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', at: AT, timeline: [], decision: decide('FORWARD') });
      expect(await stores.reportQueries.counters(r.regionId, 'pilkada-2024')).toEqual({ ...before, status_AWAITING_OPD_REVIEW: 0, status_AWAITING_BKPP_ASSESSMENT: 1 });
    });

    it('the reports of a period by creation and by overdue mark; the digest\'s once-a-day mark; migrate of a report that does not exist', async () => {
      const stores = make();
      const regionId = await region(stores);
      const before = report(regionId, { createdAt: '2024-10-01T12:00:00.000Z' });
      const inside = report(regionId, { createdAt: MID });
      for (const r of [before, inside]) await stores.reports.create(r, submitted);
      await stores.reports.transition({ report: before, from: 'RECEIVED', at: MID, timeline: [], overdueAt: MID });
      const period = await stores.reportQueries.ofPeriod(regionId, AT, LATER);
      expect(period.received.map((r) => r.id)).toEqual([inside.id]);
      expect(period.overdue.map((r) => r.id)).toEqual([before.id]);
      expect(await stores.digests.sentAt(regionId, '2024-10-02')).toBeNull();
      await stores.digests.markSent(regionId, '2024-10-02', LATER);
      expect(await stores.digests.sentAt(regionId, '2024-10-02')).toBe(LATER);
      expect(await stores.migrations.migrate(regionId, ulid(), AT)).toBe(false);
      expect(await stores.migrations.migrate(regionId, inside.id, AT)).toBe(true);
      // Reports created through the store have their keys where they belong already: nothing to move.
      expect(await stores.migrations.migrateListKeys(regionId)).toEqual({ reports: 2, added: 0 });
    });
  });

  describe('ReportQueries, and the repository\'s rounds count', () => {
    it('lists newest first with the overdue filter, by status oldest first, and counts rounds per execution', async () => {
      const stores = make();
      const regionId = await region(stores);
      const older = report(regionId, { createdAt: AT });
      const newer = report(regionId, { createdAt: LATER });
      for (const r of [older, newer]) await stores.reports.create(r, submitted);
      await stores.reports.transition({ report: newer, from: 'RECEIVED', at: LATER, timeline: [], overdueAt: LATER });
      expect((await stores.reportQueries.list(regionId, { limit: 10 })).items.map((s) => s.id)).toEqual([newer.id, older.id]);
      expect((await stores.reportQueries.list(regionId, { limit: 10, overdue: 'true' })).items.map((s) => s.id)).toEqual([newer.id]);
      expect((await stores.reportQueries.list(regionId, { limit: 10, overdue: 'false' })).items.map((s) => s.id)).toEqual([older.id]);
      const first = await stores.reportQueries.listByStatus(regionId, 'RECEIVED', { limit: 1 });
      const second = await stores.reportQueries.listByStatus(regionId, 'RECEIVED', { limit: 1, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((s) => s.id)).toEqual([older.id, newer.id]);
      expect(await stores.reports.countRound(regionId, older.id, 'exec-a')).toBe(1);
      expect(await stores.reports.countRound(regionId, older.id, 'exec-a')).toBe(2);
      expect(await stores.reports.countRound(regionId, older.id, 'exec-b')).toBe(1);
      expect(await stores.reports.countRound(regionId, older.id, 'exec-a')).toBe(1);
      await expect(stores.reports.countRound(regionId, ulid(), 'exec-a')).rejects.toThrow();
    });
  });

  describe('SendClaims and FailedNoticeMarks', () => {
    it('a claim for good is taken once; a lease is taken over only after it, and given back only by its holder', async () => {
      const stores = make();
      const regionId = await region(stores);
      const r = report(regionId);
      await stores.reports.create(r, submitted);
      expect(await stores.claims.claim(regionId, r.id, 'for-good', AT)).toBe(true);
      expect(await stores.claims.claim(regionId, r.id, 'for-good', LATER)).toBe(false);
      expect(await stores.claims.claim(regionId, r.id, 'lease', AT, MID)).toBe(true);
      expect(await stores.claims.claim(regionId, r.id, 'lease', MID, LATER)).toBe(false);
      await stores.claims.release(regionId, r.id, 'lease', MID); // not the holder's: nothing
      expect(await stores.claims.claim(regionId, r.id, 'lease', '2024-10-02T03:15:00.000Z', LATER)).toBe(false);
      expect(await stores.claims.claim(regionId, r.id, 'lease', '2024-10-02T03:31:00.000Z', LATER)).toBe(true);
      await stores.claims.release(regionId, r.id, 'lease', '2024-10-02T03:31:00.000Z');
      expect(await stores.claims.claim(regionId, r.id, 'lease', '2024-10-02T03:32:00.000Z', LATER)).toBe(true);
      // Neither is part of the report or its timeline.
      expect((await stores.reports.get(regionId, r.id))!.timeline.map((e) => e.action)).toEqual(['SUBMITTED']);
    });

    it('marks a failed notice once per event (the latest failure), lists them oldest first in pages, clears only that failure', async () => {
      const stores = make();
      const regionId = await region(stores);
      const [a, b] = [report(regionId), report(regionId)];
      for (const r of [a, b]) await stores.reports.create(r, submitted);
      await stores.failedNotices.mark(regionId, b.id, 'report.closed', MID);
      await stores.failedNotices.mark(regionId, a.id, 'report.received', AT);
      await stores.failedNotices.mark(regionId, a.id, 'report.closed', AT);
      await stores.failedNotices.mark(regionId, a.id, 'report.closed', LATER); // failed again
      const first = await stores.failedNotices.list(regionId, { limit: 2 });
      const second = await stores.failedNotices.list(regionId, { limit: 2, cursor: first.nextCursor! });
      expect([...first.items, ...second.items]).toEqual([
        { regionId, reportId: a.id, event: 'report.received', failedAt: AT },
        { regionId, reportId: b.id, event: 'report.closed', failedAt: MID },
        { regionId, reportId: a.id, event: 'report.closed', failedAt: LATER },
      ]);
      await stores.failedNotices.clear({ regionId, reportId: a.id, event: 'report.closed', failedAt: AT }); // an older failure
      await stores.failedNotices.clear({ regionId, reportId: b.id, event: 'report.closed', failedAt: MID });
      expect((await stores.failedNotices.list(regionId, { limit: 10 })).items.map((n) => `${n.reportId === a.id ? 'a' : 'b'} ${n.event}`))
        .toEqual(['a report.received', 'a report.closed']);
      expect((await stores.reports.get(regionId, a.id))!.timeline.map((e) => e.action)).toEqual(['SUBMITTED']);
    });
  });

  describe('DecisionStore.attachToken', () => {
    it('keeps the token and answers the record; null for a record that does not exist', async () => {
      const stores = make();
      const { link } = await waiting(stores);
      expect(await stores.decisions.attachToken(link.key, 'token-1')).toMatchObject({ key: link.key, taskToken: 'token-1' });
      expect(await stores.decisions.attachToken('no-such-record', 'token-2')).toBeNull();
    });
  });

  describe('CeremonyStore', () => {
    it('an existing id is answered as stored; signatures once per employee, election and kind; counters exact', async () => {
      const stores = make();
      const regionId = await region(stores);
      const ceremony: StoredCeremony = {
        id: ulid(), regionId, kind: 'IKRAR_ASN', electionId: 'pilkada-2024', heldAt: '2024-08-26', location: 'l', leader: { name: 'S', title: 'Sekda' },
        opdIds: ['disdik'], participants: { asn: 1, nonAsn: 0 }, evidenceUrls: [], pledgeTextId: 'ikrar-asn/v1', pledgeTextVersion: 1, createdAt: AT,
      };
      expect(await stores.ceremonies.create(ceremony)).toMatchObject({ created: true });
      expect(await stores.ceremonies.create({ ...ceremony, location: 'other' })).toMatchObject({ created: false, ceremony: { location: 'l' } });
      const row = { nip: '198001012005011001', name: 'A', opdId: 'disdik', employmentType: 'PNS' as const };
      expect(await stores.ceremonies.addSignatures(ceremony, [{ index: 0, employeeKey: 'NIP#1', row }, { index: 1, employeeKey: 'NIP#2', row }], AT)).toEqual({ accepted: 2, duplicates: 0 });
      expect(await stores.ceremonies.addSignatures(ceremony, [{ index: 0, employeeKey: 'NIP#2', row }, { index: 1, employeeKey: 'NIP#3', row }], AT)).toEqual({ accepted: 1, duplicates: 1 });
      expect(await stores.ceremonies.counters(regionId, 'pilkada-2024')).toEqual({ opds: { disdik: { ceremonies: 1, signatories: 3 } }, regionWideCeremonies: 0, declarations: 0 });
      expect(await stores.ceremonies.signatoryCounts(regionId, 'pilkada-2024')).toEqual({ [ceremony.id]: 3 });
    });
  });

  describe('SatgasStore', () => {
    it('no Satgas without an OPD; activities checked for Satgas and reports; a risk moves only from the status it was read with', async () => {
      const stores = make();
      const regionId = await region(stores);
      const satgas = { opdId: 'disdik', decree: { number: '1', date: '2024-07-15' }, members: [{ name: 'K', role: 'KETUA' as const }], updatedAt: AT };
      expect(await stores.satgas.put(regionId, { ...satgas, opdId: 'fiktif' })).toBe(false);
      const riskId = ulid();
      const activity = {
        id: ulid(), regionId, opdId: 'disdik', electionId: 'pilkada-2024' as const, kind: 'IDENTIFIKASI_KERAWANAN' as const, heldAt: '2024-09-02', summary: 's', evidenceUrls: [],
        risks: [{ id: riskId, stage: 'KAMPANYE' as const, category: 'ATRIBUT' as const, level: 'TINGGI' as const, description: 'd' }], reportIds: [], createdAt: AT,
      };
      const risk: Risk = { ...activity.risks[0]!, regionId, opdId: 'disdik', electionId: 'pilkada-2024', activityId: activity.id, status: 'TERBUKA', history: [], createdAt: AT, updatedAt: AT };
      expect(await stores.satgas.createActivity(activity, [risk])).toEqual({ outcome: 'no-satgas' });
      expect(await stores.satgas.put(regionId, satgas)).toBe(true);
      const r = report(regionId);
      await stores.reports.create(r, submitted);
      expect(await stores.satgas.createActivity({ ...activity, reportIds: [r.id, ulid()] }, [risk])).toEqual({ outcome: 'unknown-report', index: 1 });
      expect(await stores.satgas.createActivity(activity, [risk])).toEqual({ outcome: 'created' });
      expect(await stores.satgas.setRiskStatus(risk, 'DITANGANI', 'n', LATER)).toBe(true);
      expect(await stores.satgas.setRiskStatus(risk, 'DITANGANI', 'n', LATER)).toBe(false);
      expect((await stores.satgas.counters(regionId, 'pilkada-2024')).opds.disdik).toMatchObject({ identifications: 1, openRisks: 0, highRisks: 0 });
      expect((await stores.directory.listOpds(regionId))[0]!.satgas).toMatchObject({ decree: satgas.decree });
    });
  });
  describe('DirectoryStore.mergeSettings', () => {
    it('starts from the defaults, sets only the keys given, and answers the whole', async () => {
      const stores = make();
      const regionId = await region(stores);
      const { DEFAULT_SETTINGS, DEFAULT_RETENTION } = await import('../../functions/domain/directory.schema.ts');
      expect(await stores.directory.mergeSettings(regionId, {}, AT)).toEqual({ ...DEFAULT_SETTINGS, retention: DEFAULT_RETENTION });
      const ppkDecision = { remindAfter: 'P1D', deadline: 'P9D', maxEscalations: 1 };
      expect(await stores.directory.mergeSettings(regionId, { ppkDecision }, AT)).toEqual({ ...DEFAULT_SETTINGS, retention: DEFAULT_RETENTION, ppkDecision });
      const opdReview = { remindAfter: 'PT1H', deadline: 'PT2H' };
      const merged = await stores.directory.mergeSettings(regionId, { opdReview, bkppAssessment: undefined }, LATER);
      expect(merged).toEqual({ ...DEFAULT_SETTINGS, retention: DEFAULT_RETENTION, ppkDecision, opdReview });
      expect(await stores.directory.getSettings(regionId)).toEqual(merged);
    });
  });
});
