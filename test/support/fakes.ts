// In-memory fakes of the ports (functions/ports.ts) for unit tests of the use cases: plain maps, writes all or
// nothing, and conditional writes that fail as the DynamoDB adapters' do (TransitionConflict with the same reason,
// the same outcomes and `false` answers). Reads and writes copy, so a use case never holds the store's own object.
// Races are explicit: `before.<method>.once(hook)` runs a hook (another writer, a fault) before the next call.
import { TransitionConflict, InputError } from '../../functions/domain/errors.ts';
import { DEFAULT_SETTINGS, PutSettingsBody, type Contacts, type Opd, type Settings, type SettingsChange } from '../../functions/domain/directory.schema.ts';
import type { ListReportsQuery, ReportSummary, StoredReport, TimelineEntry } from '../../functions/domain/report.schema.ts';
import type { ReportStatus } from '../../functions/domain/codes.ts';
import type { SignatoryRow, StoredCeremony, NewSignature, PledgeCounters } from '../../functions/domain/ceremony.schema.ts';
import type { PersonSignature } from '../../functions/domain/people.schema.ts';
import type { Activity, Risk, RiskStatus, Satgas, SatgasCounters, SatgasOpdCounters } from '../../functions/domain/satgas.schema.ts';
import { cellCounter } from '../../functions/domain/vulnerability-map.ts';
import { dictionary } from '../../functions/domain/own.ts';
import { createdCounters, followUpDeltas, overdueGuard, transitionDeltas } from '../../functions/domain/counters.ts';
import { chainEntries, erasedEntry, resaltChain } from '../../functions/domain/timeline-chain.ts';
import { ERASED, erasedReport } from '../../functions/domain/personal-data.ts';
import type { WebhookEvent, FailedNotice } from '../../functions/domain/notices.ts';
import type { ListRecommendationsQuery, NationalBody, NationalContact } from '../../functions/domain/national.schema.ts';
import { mails } from '../../functions/views/emails.ts';
import { envelopeSeal } from '../../functions/adapters/seal/envelope.ts';
import { masterKeyDataKeys } from '../../functions/adapters/seal/file-keys.ts';
import { webhookUrlProblem } from '../../functions/domain/webhook-address.ts';
import { WEBHOOK_REFUSED } from '../../functions/domain/webhook-address.ts';
import type { CeremonyStore, Clock, DecisionLinks, DecisionStore, Dependencies, DirectoryStore, KeyStore, Log, Mailer, MailViews, MarkSent, NationalStore, RegionStore, ReportStore, ReportQueries, DigestMarks, SendClaims, FailedNoticeMarks, ReportMigrations, SatgasStore, WebhookSender, Workflow, AccessLog, AccessLogWriter, IdentitySeal } from '../../functions/ports.ts';
import type { ReportTransition } from '../../functions/domain/transition.ts';
import type { JournalledAccess, KeyHourReads, AccessEntry, ReporterIdentity, SealContext, SealedValue } from '../../functions/domain/personal-data.schema.ts';
import type { DecisionRecord } from '../../functions/domain/decision-record.ts';
import type { ExecutionRef, ExecutionStatus } from '../../functions/domain/executions.ts';
import type { MailMessage } from '../../functions/domain/mail-message.ts';
import type { ApiKeyRecord, Region } from '../../functions/domain/regions.ts';
import { randomBytes } from 'node:crypto';

const copy = <T>(value: T): T => structuredClone(value);

type Hook<A extends unknown[]> = (...args: A) => unknown;

/** Hooks run before a fake's method does anything: `once` for the next call, `always` for every call. A hook that
 *  throws makes the call throw that (a fault); one that writes through the fakes is the writer that got there first.
 *  A `once` hook is taken off before it runs, so it may call the same method without meeting itself. */
export class Hooks<A extends unknown[]> {
  private queue: Hook<A>[] = [];
  private standing: Hook<A>[] = [];
  once(hook: Hook<A>): this {
    this.queue.push(hook);
    return this;
  }
  always(hook: Hook<A>): this {
    this.standing.push(hook);
    return this;
  }
  clear(): void {
    this.queue = [];
    this.standing = [];
  }
  async run(...args: A): Promise<void> {
    const next = this.queue.shift();
    if (next) await next(...args);
    for (const hook of this.standing) await hook(...args);
  }
}

/** A hook that makes the call fail with this error (a plain Error for a message): `before.send.once(fails('SES is down'))`. */
export function fails(error: Error | string): () => never {
  return () => {
    throw typeof error === 'string' ? new Error(error) : error;
  };
}

/** A clock that stands still until the test moves it. */
export class FakeClock implements Clock {
  private at: number;
  constructor(start: Date | string = '2024-10-02T03:00:00.000Z') {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(to: Date | string): void {
    this.at = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export interface LogLine {
  level: 'info' | 'warn';
  message: string;
  attributes: Record<string, unknown>[];
}
export class FakeLog implements Log {
  readonly lines: LogLine[] = [];
  info(message: string, ...attributes: Record<string, unknown>[]) {
    this.lines.push({ level: 'info', message, attributes });
  }
  warn(message: string, ...attributes: Record<string, unknown>[]) {
    this.lines.push({ level: 'warn', message, attributes });
  }
  warnings(): string[] {
    return this.lines.filter((line) => line.level === 'warn').map((line) => line.message);
  }
}

export class FakeRegionStore implements RegionStore {
  readonly regions = new Map<string, Region>();
  async get(regionId: string) {
    const region = this.regions.get(regionId);
    return region ? copy(region) : null;
  }
  async put(region: Region) {
    this.regions.set(region.id, copy(region));
  }
  async listIds() {
    return [...this.regions.keys()];
  }
}

export class FakeKeyStore implements KeyStore {
  readonly byHash = new Map<string, ApiKeyRecord>();
  async findByHash(hash: string) {
    const record = this.byHash.get(hash);
    return record ? copy(record) : null;
  }
  async add(record: ApiKeyRecord, hash: string) {
    if (this.byHash.has(hash)) throw new Error('ConditionalCheckFailed: the key hash exists');
    this.byHash.set(hash, copy(record));
  }
  async list(regionId: string) {
    return [...this.byHash.values()].filter((record) => record.regionId === regionId).map(copy);
  }
  async revoke(regionId: string, keyId: string, at: string) {
    const record = [...this.byHash.values()].find((r) => r.regionId === regionId && r.keyId === keyId);
    if (!record || record.revokedAt) return false;
    record.revokedAt = at;
    return true;
  }
}

const regional = (regionId: string, id: string) => `${regionId}/${id}`;

export class FakeDirectoryStore implements DirectoryStore {
  readonly opds = new Map<string, Opd>();
  readonly contacts = new Map<string, Contacts>();
  readonly settings = new Map<string, Settings>();
  readonly before = { putOpd: new Hooks<[string, string]>(), listOpds: new Hooks<[string]>() };
  /** The Satgas of an OPD, joined by listOpds as the DynamoDB Query joins its Satgas item (set by FakeSatgasStore). */
  satgasOf: (regionId: string, opdId: string) => Satgas | undefined = () => undefined;

  async getOpd(regionId: string, opdId: string) {
    const opd = this.opds.get(regional(regionId, opdId));
    return opd ? copy(opd) : null;
  }
  async putOpd(regionId: string, opdId: string, body: Parameters<DirectoryStore['putOpd']>[2], at: string) {
    await this.before.putOpd.run(regionId, opdId);
    const opd: Opd = { opdId, ...copy(body), updatedAt: at };
    this.opds.set(regional(regionId, opdId), opd);
    return copy(opd);
  }
  async listOpds(regionId: string) {
    await this.before.listOpds.run(regionId);
    return [...this.opds.entries()]
      .filter(([key]) => key.startsWith(`${regionId}/`))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, opd]) => {
        const satgas = this.satgasOf(regionId, opd.opdId);
        return copy(satgas ? { ...opd, satgas: withoutOpdId(satgas) } : opd);
      });
  }
  async getContacts(regionId: string) {
    const contacts = this.contacts.get(regionId);
    return contacts ? copy(contacts) : null;
  }
  async putContacts(regionId: string, contacts: Contacts, _at?: string) {
    this.contacts.set(regionId, copy(contacts));
  }
  async getSettings(regionId: string) {
    // As the adapter reads them: every key a region has not set at its default.
    return copy(PutSettingsBody.parse(this.settings.get(regionId) ?? DEFAULT_SETTINGS));
  }
  async mergeSettings(regionId: string, change: SettingsChange, _at?: string) {
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const merged = { ...(await this.getSettings(regionId)), ...copy(given) } as Settings;
    this.settings.set(regionId, merged);
    return copy(merged);
  }
}

function withoutOpdId(satgas: Satgas): NonNullable<Opd['satgas']> {
  const { opdId: _, ...rest } = satgas;
  return rest as NonNullable<Opd['satgas']>;
}

/** Decision records by key; FakeReportStore.transition writes them, as the DynamoDB transaction does. */
export class FakeDecisionStore implements DecisionStore {
  readonly records = new Map<string, DecisionRecord>();
  readonly before = { get: new Hooks<[string]>(), attachToken: new Hooks<[string, string]>() };

  async get(key: string) {
    await this.before.get.run(key);
    const record = this.records.get(key);
    return record ? copy(record) : null;
  }
  async attachToken(key: string, taskToken: string) {
    await this.before.attachToken.run(key, taskToken);
    const record = this.records.get(key);
    if (!record) return null;
    record.taskToken = taskToken;
    return copy(record);
  }
  /** Stores a record as it stands (test setup). */
  seed(record: DecisionRecord): DecisionRecord {
    this.records.set(record.key, copy(record));
    return record;
  }

  /** Whether the record part of a transition would pass its conditions at `at`. */
  accepts(change: NonNullable<ReportTransition['record']>, at: string): boolean {
    if ('create' in change) return !this.records.has(change.create.key);
    if ('handOver' in change) {
      const { key, to } = change.handOver;
      return this.records.get(key)?.status === 'PENDING' && !this.records.has(to.key) && (!to.origin || to.origin === key || this.records.has(to.origin));
    }
    const record = this.records.get(change.key);
    if (!record) return false;
    if ('mark' in change) return record[change.mark] === undefined;
    // A link is used once and only before its expiry (ISO strings compare as the adapter's condition does).
    return record.status === 'PENDING' && (change.to === 'EXPIRED' || record.expiresAt > at);
  }
  apply(change: NonNullable<ReportTransition['record']>, at: string): void {
    if ('create' in change) {
      this.records.set(change.create.key, copy(change.create));
    } else if ('handOver' in change) {
      Object.assign(this.records.get(change.handOver.key)!, { status: 'HANDED_OVER', handedTo: change.handOver.to.key });
      this.records.set(change.handOver.to.key, copy(change.handOver.to));
      const origin = change.handOver.to.origin;
      if (origin && origin !== change.handOver.key && this.records.has(origin)) this.records.get(origin)!.handedTo = change.handOver.to.key;
    } else if ('mark' in change) {
      this.records.get(change.key)![change.mark] = at;
    } else {
      const record = this.records.get(change.key)!;
      record.status = change.to;
      if (change.decision) record.decision = copy(change.decision);
    }
  }
}

interface ReportRow {
  report: StoredReport;
  timeline: TimelineEntry[];
  requestHash?: string | undefined;
  rounds?: { of: string; count: number };
  /** The names of the changes applied once (ReportTransition.once). */
  once?: Set<string>;
}

const CLOSED: ReportStatus[] = ['SANCTIONED', 'DISMISSED'];
const orderOf = (report: Pick<StoredReport, 'createdAt' | 'id'>) => `${report.createdAt}#${report.id}`;

/** One page of items in order, after the cursor's item; the cursor is the last item's order key. */
function pageOf<T>(items: T[], order: (item: T) => string, limit: number, cursor: string | undefined, descending: boolean) {
  let after: string | undefined;
  if (cursor !== undefined) {
    try {
      after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).after;
    } catch { /* checked below */ }
    if (typeof after !== 'string') throw new InputError([{ path: 'cursor', message: 'cursor tidak valid / invalid cursor' }]);
  }
  const sorted = [...items].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  if (descending) sorted.reverse();
  const rest = after === undefined ? sorted : sorted.filter((item) => (descending ? order(item) < after! : order(item) > after!));
  const page = rest.slice(0, limit);
  const more = rest.length > limit;
  return { items: page, nextCursor: more ? Buffer.from(JSON.stringify({ after: order(page.at(-1)!) })).toString('base64url') : null };
}


/** The report repository: reports by `${regionId}/${id}` with their timelines, receipts and counters. */
export class FakeReportStore implements ReportStore {
  readonly rows = new Map<string, ReportRow>();
  readonly receipts = new Map<string, { regionId: string; id: string }>();
  /** Counters by `${regionId}/${electionId}`. */
  readonly counted = new Map<string, Record<string, number>>();
  /** The national view's follow-up counters by `${electionId}/${regionId}`. */
  readonly followUps = new Map<string, Record<string, number>>();
  /** Every transition that was applied, in order (a failed one writes nothing and is not here). */
  readonly applied: ReportTransition[] = [];
  readonly before = {
    create: new Hooks<[StoredReport]>(),
    get: new Hooks<[string, string]>(),
    transition: new Hooks<[ReportTransition]>(),
  };

  private readonly decisions: FakeDecisionStore;
  private readonly directory: FakeDirectoryStore;
  constructor(decisions: FakeDecisionStore, directory: FakeDirectoryStore) {
    this.decisions = decisions;
    this.directory = directory;
  }

  async create(report: StoredReport, first: TimelineEntry, requestHash?: string) {
    await this.before.create.run(report);
    const existing = this.rows.get(regional(report.regionId, report.id));
    if (existing) return { outcome: 'exists' as const, report: copy(existing.report), sameRequest: existing.requestHash === requestHash };
    if (!(await this.directory.getOpd(report.regionId, report.employee.opdId))) return { outcome: 'unknown-opd' as const };
    // The first entry chains from the report's id.
    const chained = chainEntries(report.id, [copy(first)]);
    const stored = { ...copy(report), timelineHash: chained[0]!.hash };
    this.rows.set(regional(report.regionId, report.id), { report: stored, timeline: chained, requestHash });
    this.receipts.set(report.receiptCode, { regionId: report.regionId, id: report.id });
    this.add(report.regionId, report.electionId, createdCounters(report));
    return { outcome: 'created' as const, report: copy(stored) };
  }

  /** Stores a report as it stands, with its timeline as given (no chain unless its entries carry one, like a
   *  report stored before chains existed), and counts it like a created one (test setup). */
  seed(report: StoredReport, timeline: TimelineEntry[] = []): StoredReport {
    this.rows.set(regional(report.regionId, report.id), { report: copy(report), timeline: copy(timeline) });
    this.receipts.set(report.receiptCode, { regionId: report.regionId, id: report.id });
    this.add(report.regionId, report.electionId, createdCounters(report));
    if (report.overdueAt && !CLOSED.includes(report.status)) this.add(report.regionId, report.electionId, new Map([['overdue', 1]]));
    return report;
  }

  async get(regionId: string, id: string) {
    await this.before.get.run(regionId, id);
    const row = this.rows.get(regional(regionId, id));
    return row ? { report: copy(row.report), timeline: copy(row.timeline) } : null;
  }

  async transition(change: ReportTransition) {
    await this.before.transition.run(change);
    const row = this.rows.get(regional(change.report.regionId, change.report.id));
    // As the adapter judges them: the status first (it reads the chain's head before the transaction), then the
    // record's conditions, then the report's other ones (a decision conflict wins over those).
    if (!row || row.report.status !== change.from) throw new TransitionConflict('report');
    if (change.record && !this.decisions.accepts(change.record, change.at)) throw new TransitionConflict('decision');
    if (change.once && row.once?.has(change.once)) throw new TransitionConflict('once');
    if (!this.reportAccepts(row.report, change)) throw new TransitionConflict('report');
    // A report stored before chains existed gets its chain first, as the adapter does.
    if (row.report.timelineHash === undefined) this.chain(row, change.at);

    const { report } = row;
    const moves = change.to !== undefined && change.to !== change.from;
    report.updatedAt = change.at;
    if (moves) report.status = change.to!;
    if (change.decision) report.decisions = [...(report.decisions ?? []), copy(change.decision)];
    if (change.sanction) report.sanction = copy(change.sanction);
    if (change.appeal) {
      const { version, sanction, sanctionHistory, appeals } = copy(change.appeal);
      if (sanction) report.sanction = sanction;
      else delete report.sanction;
      Object.assign(report, { sanctionHistory, appeals, appealsVersion: version + 1 });
    }
    if (change.bawasluNotifiedAt) report.bawasluNotifiedAt = change.bawasluNotifiedAt;
    if (change.overdueAt) report.overdueAt = change.overdueAt;
    if (change.workflowRun !== undefined) report.workflowRun = change.workflowRun;
    if (change.nationalAction) report.nationalActions = [...(report.nationalActions ?? []), copy(change.nationalAction)];
    if (change.followUpDueAt && report.followUpDueAt === undefined) report.followUpDueAt = change.followUpDueAt;
    if (change.record && 'create' in change.record) report.pendingDecision = change.record.create.key;
    if (change.record && 'handOver' in change.record) report.pendingDecision = change.record.handOver.to.key;
    if (change.record) this.decisions.apply(change.record, change.at);
    if (change.once) (row.once ??= new Set()).add(change.once);

    this.add(report.regionId, report.electionId, transitionDeltas(change));
    // Appended in chain order, each entry hashed onto the one before.
    const entries = chainEntries(report.timelineHash!, copy(change.timeline));
    row.timeline = [...row.timeline, ...entries];
    if (entries.length) report.timelineHash = entries.at(-1)!.hash;
    this.applied.push(copy(change));
  }

  async erasePersonalData(report: Pick<StoredReport, 'regionId' | 'id'>, erasure: { at: string; nipHash?: string | undefined; entry: TimelineEntry }) {
    const row = this.rows.get(regional(report.regionId, report.id));
    if (!row || row.report.personalDataErasedAt) return false;
    // A report stored before chains existed gets its chain first, as the adapter does.
    if (row.report.timelineHash === undefined) this.chain(row, erasure.at);
    const resalted = resaltChain(report.id, row.timeline as Array<Record<string, unknown>>);
    const chain = (resalted?.entries ?? row.timeline) as Array<Record<string, unknown>>;
    const [appended] = chainEntries(resalted?.timelineHash ?? row.report.timelineHash!, [copy(erasure.entry)]);
    row.timeline = [...chain.map((entry) => erasedEntry(entry) as TimelineEntry), appended!];
    row.report = { ...erasedReport(row.report, erasure), timelineHash: appended!.hash, updatedAt: erasure.at };
    return true;
  }

  async countRound(regionId: string, id: string, execution: string) {
    const row = this.rows.get(regional(regionId, id));
    if (!row) throw new Error(`ConditionalCheckFailed: report ${regionId}/${id} does not exist`);
    row.rounds = row.rounds?.of === execution ? { of: execution, count: row.rounds.count + 1 } : { of: execution, count: 1 };
    return row.rounds.count;
  }

  private reportAccepts(report: StoredReport, change: ReportTransition): boolean {
    const expectOverdue = overdueGuard(change);
    if (expectOverdue !== undefined && (report.overdueAt !== undefined) !== expectOverdue) return false;
    if (change.appeal && (report.appealsVersion ?? 0) !== change.appeal.version) return false;
    const record = change.record;
    if (record && 'create' in record) return record.replaces === null ? report.pendingDecision === undefined : report.pendingDecision === record.replaces;
    if (record && 'handOver' in record) return report.pendingDecision === record.handOver.key;
    // Only the current link of a step decides (reports from before links were tracked have none).
    if (record && 'to' in record && record.to === 'USED') return report.pendingDecision === undefined || report.pendingDecision === record.key;
    return true;
  }

  /** The chain of a report stored without one, computed once over its entries as they stand. */
  chain(row: ReportRow, at: string) {
    row.timeline = chainEntries(row.report.id, row.timeline.map(({ hash: _, ...entry }) => entry));
    row.report.timelineHash = row.timeline.at(-1)?.hash ?? row.report.id;
    row.report.timelineMigratedAt = at;
  }

  /** The region's reports as stored (the other report fakes read them). */
  of(regionId: string): StoredReport[] {
    return [...this.rows.values()].map((row) => row.report).filter((report) => report.regionId === regionId);
  }

  /** Applies the deltas domain/counters.ts made, as the adapter's ADDs do: to the region's counters and, for the
   *  follow-up ones, to the region's item of the national view. */
  private add(regionId: string, electionId: string, deltas: ReadonlyMap<string, number>) {
    const counters = this.counted.get(regional(regionId, electionId)) ?? {};
    for (const [name, delta] of deltas) counters[name] = (counters[name] ?? 0) + delta;
    this.counted.set(regional(regionId, electionId), counters);
    const followUp = followUpDeltas(deltas);
    if (!followUp.size) return;
    const item = this.followUps.get(regional(electionId, regionId)) ?? {};
    for (const [name, delta] of followUp) item[name] = (item[name] ?? 0) + delta;
    this.followUps.set(regional(electionId, regionId), item);
  }

  /** Every report the fake holds (the national store's fake reads them). */
  all(): StoredReport[] {
    return [...this.rows.values()].map((row) => copy(row.report));
  }
}


/** The reads across reports, over the repository's reports (the fake has no index to lag or miss one). */
export class FakeReportQueries implements ReportQueries {
  readonly before = {
    list: new Hooks<[string, ListReportsQuery]>(),
    listByStatus: new Hooks<[string, ReportStatus]>(),
  };
  private readonly reports: FakeReportStore;
  constructor(reports: FakeReportStore) {
    this.reports = reports;
  }

  async list(regionId: string, query: ListReportsQuery) {
    await this.before.list.run(regionId, query);
    const matching = this.reports.of(regionId).filter((report) =>
      (query.status === undefined || report.status === query.status)
      && (query.category === undefined || report.category === query.category)
      && (query.stage === undefined || report.stage === query.stage)
      && (query.electionId === undefined || report.electionId === query.electionId)
      && (query.source === undefined || (report.source?.kind ?? 'INTERNAL') === query.source)
      && (query.overdue === undefined || (query.overdue === 'true') === (report.overdueAt !== undefined && !CLOSED.includes(report.status))));
    const page = pageOf(matching, orderOf, query.limit, query.cursor, true);
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
  }

  async findByReceipt(receiptCode: string) {
    const found = this.reports.receipts.get(receiptCode);
    const report = found && this.reports.rows.get(regional(found.regionId, found.id))?.report;
    return report ? { status: report.status, updatedAt: report.updatedAt } : null;
  }

  async counters(regionId: string, electionId: string) {
    return copy(this.reports.counted.get(regional(regionId, electionId)) ?? {});
  }

  async ofPerson(regionId: string, nip: string, max: number) {
    const order = (report: StoredReport) => `${report.createdAt}#${report.id}`;
    const matching = this.reports.of(regionId).filter((report) => report.employee.nip === nip).sort((a, b) => (order(a) < order(b) ? 1 : -1));
    return { reports: matching.slice(0, max).map(copy), truncated: matching.length > max };
  }
  async ofPeriod(regionId: string, from: string, to: string) {
    const reports = this.reports.of(regionId).sort((a, b) => (orderOf(a) < orderOf(b) ? -1 : 1));
    return {
      received: reports.filter((r) => r.createdAt >= from && r.createdAt < to).map(copy),
      overdue: reports.filter((r) => r.overdueAt !== undefined && r.overdueAt >= from && r.overdueAt < to).map(copy),
    };
  }

  async listByStatus(regionId: string, status: ReportStatus, page: { limit: number; cursor?: string | undefined }) {
    await this.before.listByStatus.run(regionId, status);
    const found = pageOf(this.reports.of(regionId).filter((report) => report.status === status), orderOf, page.limit, page.cursor, false);
    return { items: found.items.map(copy), nextCursor: found.nextCursor };
  }
}

/** The daily digest's marks by `${regionId}/${date}`. */
export class FakeDigestMarks implements DigestMarks {
  readonly marks = new Map<string, string>();

  async sentAt(regionId: string, date: string) {
    return this.marks.get(regional(regionId, date)) ?? null;
  }

  async markSent(regionId: string, date: string, at: string) {
    this.marks.set(regional(regionId, date), at);
  }
}

/** Claims on sends by `${regionId}/${id}/${name}`: when taken, and the lease's end (none: for good). */
export class FakeSendClaims implements SendClaims {
  readonly claims = new Map<string, { at: string; until?: string | undefined }>();
  readonly before = { claim: new Hooks<[string, string, string]>() };

  async claim(regionId: string, id: string, name: string, at: string, until?: string) {
    await this.before.claim.run(regionId, id, name);
    const key = `${regional(regionId, id)}/${name}`;
    const held = this.claims.get(key);
    // As the adapter's condition: taken over only when a lease has passed (a claim for good has none).
    if (held && !(held.until !== undefined && held.until < at)) return false;
    this.claims.set(key, { at, until });
    return true;
  }

  async release(regionId: string, id: string, name: string, at: string) {
    const key = `${regional(regionId, id)}/${name}`;
    if (this.claims.get(key)?.at === at) this.claims.delete(key);
  }
}

/** Failed-notice marks by `${regionId}/${id}/${event}`. */
export class FakeFailedNotices implements FailedNoticeMarks {
  readonly marks = new Map<string, FailedNotice>();
  readonly before = { mark: new Hooks<[string, string, WebhookEvent]>() };

  async mark(regionId: string, id: string, event: WebhookEvent, at: string) {
    await this.before.mark.run(regionId, id, event);
    this.marks.set(`${regional(regionId, id)}/${event}`, { regionId, reportId: id, event, failedAt: at });
  }

  async list(regionId: string, page: { limit: number; cursor?: string | undefined }) {
    const marks = [...this.marks.values()].filter((mark) => mark.regionId === regionId)
      .sort((a, b) => (`${a.failedAt}#${a.reportId}#${a.event}` < `${b.failedAt}#${b.reportId}#${b.event}` ? -1 : 1));
    const start = page.cursor ? Number(page.cursor) : 0;
    const items = marks.slice(start, start + page.limit).map(copy);
    return { items, nextCursor: start + page.limit < marks.length ? String(start + page.limit) : null };
  }

  async clear(notice: FailedNotice) {
    const key = `${regional(notice.regionId, notice.reportId)}/${notice.event}`;
    if (this.marks.get(key)?.failedAt === notice.failedAt) this.marks.delete(key);
  }
}

/** The migrations of reports stored by earlier versions, over the repository's reports. */
export class FakeReportMigrations implements ReportMigrations {
  private readonly reports: FakeReportStore;
  constructor(reports: FakeReportStore) {
    this.reports = reports;
  }

  async migrate(regionId: string, id: string, at: string) {
    const row = this.reports.rows.get(regional(regionId, id));
    if (!row) return false;
    if (row.report.timelineHash === undefined) this.reports.chain(row, at);
    return true;
  }

  /** Every report the fake holds was created with its list keys (it has no index to miss one). */
  async migrateListKeys(regionId: string) {
    return { reports: this.reports.of(regionId).length, added: 0 };
  }

  async saltChain(regionId: string, id: string) {
    const row = this.reports.rows.get(regional(regionId, id));
    const resalted = row?.report.timelineHash && !row.report.personalDataErasedAt ? resaltChain(id, row.timeline as Array<Record<string, unknown>>) : null;
    if (!row || !resalted) return false;
    row.timeline = resalted.entries as TimelineEntry[];
    row.report = { ...row.report, timelineHash: resalted.timelineHash };
    return true;
  }

  /** The fake finds a person's reports by their NIP itself: there is no index to fill. */
  async indexPerson() {
    return false;
  }

  async sealReporter(regionId: string, id: string, sealed: SealedValue) {
    const row = this.reports.rows.get(`${regionId}/${id}`);
    if (!row || row.report.reporterSealed) return false;
    row.report.reporterSealed = copy(sealed);
    row.report.reporter = { kind: row.report.reporter.kind, sealed: true };
    return true;
  }
}

function summaryOf(report: StoredReport): ReportSummary {
  const { id, receiptCode, electionId, incidentDate, stage, category, status, employee, overdueAt, createdAt, updatedAt } = copy(report);
  return { id, receiptCode, electionId, incidentDate, stage, category, status, employee, ...(overdueAt ? { overdueAt } : {}), createdAt, updatedAt };
}

export interface SentMail extends MailMessage {
  id: string;
}
export class FakeMailer implements Mailer {
  readonly sent: SentMail[] = [];
  readonly before = { send: new Hooks<[MailMessage]>() };
  async send(message: MailMessage) {
    await this.before.send.run(message);
    const id = `mail-${this.sent.length + 1}`;
    this.sent.push({ id, ...copy(message) });
    return { id };
  }
  /** The messages to an address, oldest first. */
  to(address: string): SentMail[] {
    return this.sent.filter((mail) => mail.to.includes(address));
  }
}

const executionOf = ({ regionId, reportId, run, appealId }: ExecutionRef) => `${regionId}/${reportId}/${run ?? 0}${appealId ? `/${appealId}` : ''}`;

/** Executions by report and run, and task tokens that are waiting. Nothing runs: tests set what state an execution
 *  is in (`set`) and which tokens wait (`wait`), and read what the use case asked for (`started`, `redriven`, `resumed`). */
export class FakeWorkflow implements Workflow {
  readonly executions = new Map<string, ExecutionStatus>();
  readonly started: ExecutionRef[] = [];
  readonly redriven: ExecutionRef[] = [];
  /** The notice executions started, each once: `${regionId}/${reportId}/${event}`. */
  readonly notices: string[] = [];
  readonly resumed: Array<{ taskToken: string; output?: unknown; error?: string }> = [];
  private readonly waiting = new Set<string>();
  readonly before = {
    start: new Hooks<[ExecutionRef]>(),
    startNotice: new Hooks<[WebhookEvent]>(),
    describe: new Hooks<[ExecutionRef]>(),
    redrive: new Hooks<[ExecutionRef]>(),
    sendTaskSuccess: new Hooks<[string]>(),
  };

  async start(ref: ExecutionRef) {
    await this.before.start.run(ref);
    // The same name twice is one execution (Step Functions answers ExecutionAlreadyExists; the adapter ignores it).
    if (this.executions.has(executionOf(ref))) return;
    this.executions.set(executionOf(ref), { state: 'RUNNING', redrivable: false });
    this.started.push({ ...ref, run: ref.run ?? 0 });
  }
  async startNotice(notice: { regionId: string; reportId: string; event: WebhookEvent }) {
    await this.before.startNotice.run(notice.event);
    const name = `${notice.regionId}/${notice.reportId}/${notice.event}`;
    if (!this.notices.includes(name)) this.notices.push(name);
  }
  /** The notices started for a report, by event. */
  noticesOf(reportId: string): WebhookEvent[] {
    return this.notices.filter((name) => name.split('/')[1] === reportId).map((name) => name.split('/')[2] as WebhookEvent);
  }
  async describe(ref: ExecutionRef) {
    await this.before.describe.run(ref);
    return copy(this.executions.get(executionOf(ref)) ?? { state: 'NONE' as const, redrivable: false });
  }
  async redrive(ref: ExecutionRef) {
    await this.before.redrive.run(ref);
    const execution = this.executions.get(executionOf(ref));
    // Not redrivable (or redriven meanwhile): the adapter treats ExecutionNotRedrivable as done.
    if (!execution?.redrivable) return;
    this.executions.set(executionOf(ref), { state: 'RUNNING', redrivable: false });
    this.redriven.push({ ...ref, run: ref.run ?? 0 });
  }
  async sendTaskSuccess(taskToken: string, output: unknown) {
    await this.before.sendTaskSuccess.run(taskToken);
    if (!this.waiting.delete(taskToken)) return false;
    this.resumed.push({ taskToken, output: copy(output) });
    return true;
  }
  async sendTaskFailure(taskToken: string, error: string) {
    if (!this.waiting.delete(taskToken)) return false;
    this.resumed.push({ taskToken, error });
    return true;
  }
  /** Puts an execution in a state (a test's "it failed", "it never started" is the default). */
  set(ref: ExecutionRef, status: ExecutionStatus): void {
    this.executions.set(executionOf(ref), status);
  }
  state(ref: ExecutionRef): ExecutionStatus['state'] {
    return this.executions.get(executionOf(ref))?.state ?? 'NONE';
  }
  /** A task that waits on this token until it is resumed. */
  wait(taskToken: string): void {
    this.waiting.add(taskToken);
  }
}

/** Webhook deliveries are recorded; an address is refused by the same rules the sender applies (loopback allowed, as
 *  in local mode). */
export class FakeWebhooks implements WebhookSender {
  readonly posts: Array<{ url: string; body: string }> = [];
  readonly before = { post: new Hooks<[string]>() };
  async post(url: string, _secret: string, body: string) {
    await this.before.post.run(url);
    const problem = this.urlProblem(url);
    if (problem) throw Object.assign(new Error(`webhook URL refused: ${problem}`), { name: WEBHOOK_REFUSED });
    this.posts.push({ url, body });
  }
  urlProblem(url: string) {
    return webhookUrlProblem(url, { allowLoopback: true, httpsOnly: false });
  }
}

export const FAKE_LINK_BASE = 'https://netra.test';
export class FakeLinks implements DecisionLinks {
  readonly baseUrl = FAKE_LINK_BASE;
  async secret() {
    return 'a-decision-link-secret-for-unit-tests';
  }
}

const ceremonyCounters = (): PledgeCounters => ({ opds: dictionary(), regionWideCeremonies: 0, declarations: 0 });

/** Ceremonies, one signature per employee per election and kind (the adapter's signature key), exact counters. */
export class FakeCeremonyStore implements CeremonyStore {
  readonly ceremonies = new Map<string, StoredCeremony>();
  /** The ceremony id each employee signed under, by `${regionId}/${electionId}/${kind}/${employeeKey}`. */
  readonly signatures = new Map<string, string>();
  /** What each signature stored, by the same key. */
  private readonly signed = new Map<string, { electionId: StoredCeremony['electionId']; kind: StoredCeremony['kind']; ceremonyId: string; signedAt: string; row: SignatoryRow }>();
  private readonly perCeremony = new Map<string, number>();
  private readonly pledges = new Map<string, PledgeCounters>();
  readonly before = { addSignatures: new Hooks<[StoredCeremony, NewSignature[]]>() };

  async create(ceremony: StoredCeremony) {
    const key = regional(ceremony.regionId, ceremony.id);
    const existing = this.ceremonies.get(key);
    if (existing) return { created: false, ceremony: copy(existing) };
    this.ceremonies.set(key, copy(ceremony));
    const counters = this.countersOf(ceremony.regionId, ceremony.electionId);
    if (ceremony.kind === 'DEKLARASI_KEPALA_DAERAH') counters.declarations++;
    else if (ceremony.opdIds.length === 0) counters.regionWideCeremonies++;
    else for (const opdId of ceremony.opdIds) (counters.opds[opdId] ??= { ceremonies: 0, signatories: 0 }).ceremonies++;
    return { created: true, ceremony: copy(ceremony) };
  }
  async get(regionId: string, id: string) {
    const ceremony = this.ceremonies.get(regional(regionId, id));
    return ceremony ? copy(ceremony) : null;
  }
  async list(regionId: string) {
    return [...this.ceremonies.values()].filter((c) => c.regionId === regionId).map(copy);
  }
  async signatoryCounts(regionId: string, electionId: string) {
    const counts = dictionary<number>();
    for (const ceremony of this.ceremonies.values()) {
      const n = this.perCeremony.get(regional(regionId, ceremony.id));
      if (ceremony.regionId === regionId && ceremony.electionId === electionId && n) counts[ceremony.id] = n;
    }
    return counts;
  }
  async addSignatures(ceremony: StoredCeremony, signatures: NewSignature[], at: string) {
    await this.before.addSignatures.run(ceremony, signatures);
    const result = { accepted: 0, duplicates: 0 };
    const counters = this.countersOf(ceremony.regionId, ceremony.electionId);
    for (const { employeeKey, row } of signatures) {
      const key = `${ceremony.regionId}/${ceremony.electionId}/${ceremony.kind}/${employeeKey}`;
      if (this.signatures.has(key)) {
        result.duplicates++;
        continue;
      }
      this.signatures.set(key, ceremony.id);
      this.signed.set(key, { electionId: ceremony.electionId, kind: ceremony.kind, ceremonyId: ceremony.id, signedAt: at, row: copy(row) });
      result.accepted++;
      const ceremonyKey = regional(ceremony.regionId, ceremony.id);
      this.perCeremony.set(ceremonyKey, (this.perCeremony.get(ceremonyKey) ?? 0) + 1);
      // Only the ASN pledge counts toward an OPD's coverage.
      if (ceremony.kind === 'IKRAR_ASN') (counters.opds[row.opdId] ??= { ceremonies: 0, signatories: 0 }).signatories++;
    }
    return result;
  }
  async counters(regionId: string, electionId: string) {
    return copy(this.pledges.get(regional(regionId, electionId)) ?? ceremonyCounters());
  }
  async eraseSignatures(ceremony: StoredCeremony, at: string) {
    let erased = 0;
    for (const [key, s] of this.signed) {
      if (key.startsWith(`${ceremony.regionId}/`) && s.ceremonyId === ceremony.id) {
        this.signed.delete(key);
        this.signatures.delete(key);
        erased++;
      }
    }
    const stored = this.ceremonies.get(regional(ceremony.regionId, ceremony.id));
    if (stored && !stored.personalDataErasedAt) this.ceremonies.set(regional(ceremony.regionId, ceremony.id), { ...stored, leader: { ...stored.leader, name: ERASED }, personalDataErasedAt: at });
    return erased;
  }
  async signaturesOf(regionId: string, nip: string): Promise<PersonSignature[]> {
    return [...this.signed.entries()]
      .filter(([key, s]) => key.startsWith(`${regionId}/`) && s.row.nip === nip)
      .map(([, s]) => ({
        electionId: s.electionId, kind: s.kind, ceremonyId: s.ceremonyId, name: s.row.name, opdId: s.row.opdId,
        employmentType: s.row.employmentType, signedAt: s.signedAt, ...(s.row.position ? { position: s.row.position } : {}),
      }))
      .sort((a, b) => (a.signedAt < b.signedAt ? 1 : a.signedAt > b.signedAt ? -1 : 0));
  }
  private countersOf(regionId: string, electionId: string): PledgeCounters {
    const key = regional(regionId, electionId);
    if (!this.pledges.has(key)) this.pledges.set(key, ceremonyCounters());
    return this.pledges.get(key)!;
  }
}

const KIND_COUNTERS = { SOSIALISASI: 'socialisations', IDENTIFIKASI_KERAWANAN: 'identifications', PEMANTAUAN_MEDIA_SOSIAL: 'monitoring' } as const;
const opdCounters = (): SatgasOpdCounters => ({ socialisations: 0, identifications: 0, monitoring: 0, openRisks: 0, highRisks: 0, cells: {} });

/** Satgas, activities and risks; a risk changes status only from the status it was read with. */
export class FakeSatgasStore implements SatgasStore {
  readonly satgas = new Map<string, Satgas>();
  readonly activities = new Map<string, Activity>();
  readonly risks = new Map<string, Risk>();
  private readonly counted = new Map<string, SatgasCounters>();
  readonly before = { setRiskStatus: new Hooks<[Risk, RiskStatus]>(), createActivity: new Hooks<[Activity]>() };

  private readonly directory: FakeDirectoryStore;
  private readonly reports: FakeReportStore;
  constructor(directory: FakeDirectoryStore, reports: FakeReportStore) {
    this.directory = directory;
    this.reports = reports;
    directory.satgasOf = (regionId, opdId) => this.satgas.get(regional(regionId, opdId));
  }

  async put(regionId: string, satgas: Satgas) {
    if (!(await this.directory.getOpd(regionId, satgas.opdId))) return false;
    this.satgas.set(regional(regionId, satgas.opdId), copy(satgas));
    return true;
  }
  async createActivity(activity: Activity, risks: Risk[]) {
    await this.before.createActivity.run(activity);
    const { regionId, opdId, electionId } = activity;
    if (!this.satgas.has(regional(regionId, opdId))) return { outcome: 'no-satgas' as const };
    for (const [index, id] of activity.reportIds.entries()) {
      const found = this.reports.rows.get(regional(regionId, id))?.report;
      if (found?.electionId !== electionId) return { outcome: 'unknown-report' as const, index };
    }
    if (this.activities.has(regional(regionId, activity.id))) throw new Error('ConditionalCheckFailed: the activity exists');
    this.activities.set(regional(regionId, activity.id), copy(activity));
    for (const risk of risks) this.risks.set(regional(regionId, risk.id), copy(risk));
    const counters = this.opdCountersOf(regionId, electionId, opdId);
    counters[KIND_COUNTERS[activity.kind]]++;
    for (const risk of risks) this.moveRisk(counters, risk, null, 'TERBUKA');
    return { outcome: 'created' as const };
  }
  async listActivities(regionId: string, query: Parameters<SatgasStore['listActivities']>[1]) {
    const matching = [...this.activities.values()].filter((a) => a.regionId === regionId
      && (query.opdId === undefined || a.opdId === query.opdId)
      && (query.electionId === undefined || a.electionId === query.electionId)
      && (query.kind === undefined || a.kind === query.kind));
    return pageOf(matching, (a) => a.id, query.limit, query.cursor, true);
  }
  async getActivity(regionId: string, id: string) {
    const activity = this.activities.get(regional(regionId, id));
    if (!activity) return null;
    return { activity: copy(activity), risks: activity.risks.map((risk) => copy(this.risks.get(regional(regionId, risk.id))!)) };
  }
  async getRisk(regionId: string, id: string) {
    const risk = this.risks.get(regional(regionId, id));
    return risk ? copy(risk) : null;
  }
  async setRiskStatus(risk: Risk, to: RiskStatus, note: string, at: string) {
    await this.before.setRiskStatus.run(risk, to);
    const stored = this.risks.get(regional(risk.regionId, risk.id));
    if (!stored || stored.status !== risk.status) return false;
    this.moveRisk(this.opdCountersOf(risk.regionId, risk.electionId, risk.opdId), stored, stored.status, to);
    Object.assign(stored, { status: to, note, updatedAt: at, history: [...stored.history, { at, status: to, note }] });
    return true;
  }
  async listRisks(regionId: string, electionId: string, status: RiskStatus, max: number) {
    const matching = [...this.risks.values()]
      .filter((r) => r.regionId === regionId && r.electionId === electionId && r.status === status)
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    return { risks: matching.slice(0, max).map(copy), truncated: matching.length > max };
  }
  async counters(regionId: string, electionId: string) {
    return copy(this.counted.get(regional(regionId, electionId)) ?? { opds: dictionary<SatgasOpdCounters>() });
  }

  private opdCountersOf(regionId: string, electionId: string, opdId: string): SatgasOpdCounters {
    const key = regional(regionId, electionId);
    const region = this.counted.get(key) ?? { opds: dictionary<SatgasOpdCounters>() };
    this.counted.set(key, region);
    return (region.opds[opdId] ??= opdCounters());
  }
  private moveRisk(counters: SatgasOpdCounters, risk: Risk, from: RiskStatus | null, to: RiskStatus) {
    if (from === to) return;
    const open = (status: RiskStatus | null) => (status === 'TERBUKA' ? 1 : 0);
    const delta = open(to) - open(from);
    counters.openRisks += delta;
    if (risk.level === 'TINGGI') counters.highRisks += delta;
    if (from) counters.cells[cellCounter(from, risk)] = (counters.cells[cellCounter(from, risk)] ?? 0) - 1;
    counters.cells[cellCounter(to, risk)] = (counters.cells[cellCounter(to, risk)] ?? 0) + 1;
  }
}

/** The real envelope, its master key in memory (the local stack keeps it in a file); hooks make KMS fail. */
export class FakeSeal implements IdentitySeal {
  readonly before = { seal: new Hooks<[SealContext]>(), unseal: new Hooks<[SealContext]>() };
  readonly master = randomBytes(32);
  private readonly inner = envelopeSeal(masterKeyDataKeys(() => this.master));
  async seal(context: SealContext, identity: ReporterIdentity) {
    await this.before.seal.run(context);
    return this.inner.seal(context, identity);
  }
  async unseal(context: SealContext, sealed: SealedValue) {
    await this.before.unseal.run(context);
    return this.inner.unseal(context, sealed);
  }
}

/** Entries by region and what they name, newest first on read, as the adapter pages them (the fake has no journal:
 *  an entry recorded is listed at once). */
export class FakeAccessLog implements AccessLog {
  readonly entries: Array<AccessEntry & { regionId: string }> = [];
  readonly before = { record: new Hooks<[AccessEntry]>() };
  async record(regionId: string, entry: AccessEntry) {
    await this.before.record.run(entry);
    this.entries.push({ regionId, ...copy(entry) });
  }
  async ofReport(regionId: string, reportId: string, page: { limit: number; cursor?: string | undefined }) {
    return this.pageOf(this.entries.filter((e) => e.regionId === regionId && e.reportId === reportId), page);
  }
  async ofPerson(regionId: string, nip: string, page: { limit: number; cursor?: string | undefined }) {
    return this.pageOf(this.entries.filter((e) => e.regionId === regionId && !e.reportId && e.nip === nip), page);
  }
  private pageOf(entries: Array<AccessEntry & { regionId: string }>, page: { limit: number; cursor?: string | undefined }) {
    const all = [...entries].reverse();
    const start = page.cursor ? Number(page.cursor) : 0;
    const items = all.slice(start, start + page.limit).map(({ regionId: _r, ...entry }) => entry);
    return { items, nextCursor: start + page.limit < all.length ? String(start + page.limit) : null };
  }
}

/** The access log's table side: entries written by id (a second write of one id is one entry), with their expiry;
 *  each key's distinct reports per hour. */
export class FakeAccessLogWriter implements AccessLogWriter {
  readonly written = new Map<string, JournalledAccess & { expiresAt: Date }>();
  readonly before = { write: new Hooks<[number]>() };
  private readonly reads = new Map<string, Set<string>>();
  async write(entries: Array<JournalledAccess & { expiresAt: Date }>): Promise<KeyHourReads[]> {
    await this.before.write.run(entries.length);
    const changed = new Map<string, KeyHourReads>();
    for (const entry of entries) {
      this.written.set(entry.id, copy(entry));
      if (!entry.entry.reportId) continue;
      const hour = entry.entry.at.slice(0, 13);
      const set = this.reads.get(`${entry.entry.keyId}\n${hour}`) ?? new Set<string>();
      set.add(entry.entry.reportId);
      this.reads.set(`${entry.entry.keyId}\n${hour}`, set);
      changed.set(`${entry.entry.keyId}\n${hour}`, { keyId: entry.entry.keyId, hour, distinctReports: set.size });
    }
    return [...changed.values()];
  }
}

export class FakeNationalStore implements NationalStore {
  readonly contacts = new Map<NationalBody, NationalContact>();
  readonly digests = new Map<string, string>();
  private readonly reports: FakeReportStore;
  private readonly regions: FakeRegionStore;
  constructor(reports: FakeReportStore, regions: FakeRegionStore) {
    this.reports = reports;
    this.regions = regions;
  }

  async followUp(electionId: string) {
    const rows: { region: Region; counters: Record<string, number> }[] = [];
    for (const [key, counters] of this.reports.followUps) {
      const [election, regionId] = key.split('/') as [string, string];
      const region = this.regions.regions.get(regionId);
      if (election === electionId && region) rows.push({ region: copy(region), counters: copy(counters) });
    }
    return rows;
  }

  async recommendations(body: NationalBody, query: ListRecommendationsQuery) {
    const order = (report: StoredReport) => `${report.createdAt}#${report.regionId}#${report.id}`;
    const matching = this.reports.all().filter((report) => report.nationalBody === body
      && (query.regionId === undefined || report.regionId === query.regionId)
      && (query.electionId === undefined || report.electionId === query.electionId)
      && (query.status === undefined || report.status === query.status)
      && (query.overdue === undefined || (query.overdue === 'true') === (report.overdueAt !== undefined && !CLOSED.includes(report.status))));
    const page = pageOf(matching, order, query.limit, query.cursor, true);
    return { items: page.items, nextCursor: page.nextCursor };
  }

  async getContact(body: NationalBody) {
    const contact = this.contacts.get(body);
    return contact ? copy(contact) : null;
  }

  async putContact(body: NationalBody, contact: NationalContact) {
    this.contacts.set(body, copy(contact));
  }

  async digestSentAt(body: NationalBody, week: string) {
    return this.digests.get(`${body}/${week}`) ?? null;
  }

  async markDigestSent(body: NationalBody, week: string, at: string) {
    this.digests.set(`${body}/${week}`, at);
  }
}

/** Every port faked, wired to each other as the real ones share one table. */
export interface Fakes extends Dependencies {
  clock: FakeClock;
  log: FakeLog;
  regions: FakeRegionStore;
  keys: FakeKeyStore;
  directory: FakeDirectoryStore;
  reports: FakeReportStore;
  reportQueries: FakeReportQueries;
  digests: FakeDigestMarks;
  claims: FakeSendClaims;
  failedNotices: FakeFailedNotices;
  /** The admin command's own (no function names them), faked beside the others for its use cases' tests. */
  migrations: FakeReportMigrations;
  decisions: FakeDecisionStore;
  ceremonies: FakeCeremonyStore;
  satgas: FakeSatgasStore;
  national: FakeNationalStore;
  mailer: FakeMailer;
  mails: MailViews;
  workflow: FakeWorkflow;
  webhooks: FakeWebhooks;
  links: FakeLinks;
  markSent: MarkSent;
  seal: FakeSeal;
  accessLog: FakeAccessLog;
  accessLogWriter: FakeAccessLogWriter;
}

export function fakeDependencies(options: { now?: Date | string } = {}): Fakes {
  const directory = new FakeDirectoryStore();
  const decisions = new FakeDecisionStore();
  const reports = new FakeReportStore(decisions, directory);
  const regions = new FakeRegionStore();
  return {
    clock: new FakeClock(options.now),
    log: new FakeLog(),
    regions,
    national: new FakeNationalStore(reports, regions),
    keys: new FakeKeyStore(),
    directory,
    reports,
    reportQueries: new FakeReportQueries(reports),
    digests: new FakeDigestMarks(),
    claims: new FakeSendClaims(),
    failedNotices: new FakeFailedNotices(),
    migrations: new FakeReportMigrations(reports),
    decisions,
    ceremonies: new FakeCeremonyStore(),
    satgas: new FakeSatgasStore(directory, reports),
    mailer: new FakeMailer(),
    // The real e-mail views: a use case hands them facts, and tests read the e-mail a person would.
    mails,
    workflow: new FakeWorkflow(),
    webhooks: new FakeWebhooks(),
    links: new FakeLinks(),
    // The write once, as outside a step's invocation: a unit test injects a failing mark with the store's hooks.
    markSent: (write) => write(),
    seal: new FakeSeal(),
    accessLog: new FakeAccessLog(),
    accessLogWriter: new FakeAccessLogWriter(),
  };
}
