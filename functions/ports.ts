// The ports the use cases need; adapters/ makes them real for DynamoDB and the local stand-ins. The records they
// carry are the domain's (functions/domain/): a port says what a use case may ask, not what a record is.
import type { Contacts, Opd, PutOpdBody, Settings, SettingsChange } from '#domain/directory.schema';
import type { ListReportsQuery, StoredReport, TimelineEntry } from '#domain/report.schema';
import type { ReportStatus } from '#domain/codes';
import type { Step } from '#domain/workflow';
import type { DigestContent, FailedNotice, WebhookEvent } from '#domain/notices';
import type { CaseFacts, RegionWords } from '#domain/case-facts';
import type { NewSignature, PledgeCounters, StoredCeremony } from '#domain/ceremony.schema';
import type { PersonSignature } from '#domain/people.schema';
import type { Appeal } from '#domain/appeals';
import type { Message } from '#domain/messages';
import type { NationalAction, NationalBody, NationalContact, NationalDigestContent, FollowUpCounters, ListRecommendationsQuery } from '#domain/national.schema';
import type { Activity, CreatedActivity, ListActivitiesQuery, Risk, RiskStatus, Satgas, SatgasCounters } from '#domain/satgas.schema';
import type { Approver } from '#domain/approvers';
import type { DecisionRecord } from '#domain/decision-record';
import type { ExecutionRef, ExecutionStatus } from '#domain/executions';
import type { MailMessage } from '#domain/mail-message';
import type { AccessEntry, JournalledAccess, KeyHourReads, ReporterIdentity, SealContext, SealedValue } from '#domain/personal-data.schema';
import type { ApiKeyRecord, Region } from '#domain/regions';
import type { CreatedReport, ReportPage } from '#domain/report-outcomes';
import type { ReportTransition } from '#domain/transition';

export interface Clock {
  now(): Date;
}

export interface RegionStore {
  get(regionId: string): Promise<Region | null>;
  put(region: Region): Promise<void>;
  /** Every region's id (through an index: the reconciler runs once per region). */
  listIds(): Promise<string[]>;
}

export interface KeyStore {
  findByHash(hash: string): Promise<ApiKeyRecord | null>;
  add(record: ApiKeyRecord, hash: string): Promise<void>;
  list(regionId: string): Promise<ApiKeyRecord[]>;
  /** Revokes one key; false when the region has no such active key. */
  revoke(regionId: string, keyId: string, at: string): Promise<boolean>;
}

export interface DirectoryStore {
  getOpd(regionId: string, opdId: string): Promise<Opd | null>;
  putOpd(regionId: string, opdId: string, opd: PutOpdBody, at: string): Promise<Opd>;
  listOpds(regionId: string): Promise<Opd[]>;
  getContacts(regionId: string): Promise<Contacts | null>;
  putContacts(regionId: string, contacts: Contacts, at: string): Promise<void>;
  getSettings(regionId: string): Promise<Settings>;
  /** Sets the keys `change` names, keeps the others (defaults where none was stored), atomically; the result. */
  mergeSettings(regionId: string, change: SettingsChange, at: string): Promise<Settings>;
}

/** The report repository: a report is created, read whole and moved one transition at a time (each writes its
 *  timeline, counters and index keys with it); and, at the end of its retention, erased. */
export interface ReportStore {
  /** Writes the report, its receipt, its first timeline entry, its sealed reporter and its counters in one transaction, which also
   *  checks that the employee's OPD is in the region's directory. `requestHash` is kept with the report, so a
   *  retry under the same id can be told from another request reusing it. */
  create(report: StoredReport, first: TimelineEntry, requestHash?: string): Promise<CreatedReport>;
  get(regionId: string, id: string): Promise<{ report: StoredReport; timeline: TimelineEntry[] } | null>;
  /** One step of the workflow in ONE transaction: the report (only while its status is still `from`),
   *  its GSI status keys, its stats counters, its timeline entries and, when given, a decision record.
   *  Entries are hash-chained onto the report's timelineHash, conditional on it being unchanged (a concurrent
   *  append makes it read the new head and try again); a report stored before chains existed gets its chain first.
   *  Throws TransitionConflict('report' | 'decision' | 'once') when a condition fails, and writes nothing then. */
  transition(change: ReportTransition): Promise<void>;
  /** Erases a closed report's personal data (domain/personal-data.ts erasedReport; each timeline entry's values
   *  and salt, their commitments kept; the sealed reporter; the employee's index item) and chains `entry`
   *  (PERSONAL_DATA_ERASED) on, leaving counters alone; a report stored before chains existed gets its chain first,
   *  a chain stored before salting is resalted first. False, with nothing written, when it is not there, was erased
   *  already, or changed meanwhile. */
  erasePersonalData(report: Pick<StoredReport, 'regionId' | 'id'>, erasure: { at: string; nipHash?: string | undefined; entry: TimelineEntry }): Promise<boolean>;
  /** Counts one more workflow round of an execution on the report (a fresh count for another execution); the
   *  report must exist. */
  countRound(regionId: string, id: string, execution: string): Promise<number>;
}

/** The reads across reports: the region's lists and pages, through the indexes, and its counters. */
export interface ReportQueries {
  list(regionId: string, query: ListReportsQuery): Promise<ReportPage>;
  findByReceipt(receiptCode: string): Promise<{ status: StoredReport['status']; updatedAt: string } | null>;
  /** The region's counters for one election (one query over their shards). */
  counters(regionId: string, electionId: string): Promise<Record<string, number>>;
  /** The reports whose employee has this NIP, newest first, at most `max` (and whether there were more): a person's
   *  record, through the employee's index. */
  ofPerson(regionId: string, nip: string, max: number): Promise<{ reports: StoredReport[]; truncated: boolean }>;
  /** The reports created in [from, to) and those that became overdue in it (`overdueAt`), each in creation order,
   *  from the region's index (GSI1) and the overdue marks' (GSI2): the daily digest's content. */
  ofPeriod(regionId: string, from: string, to: string): Promise<{ received: StoredReport[]; overdue: StoredReport[] }>;
  /** One page of the region's reports with one (open) status, oldest first, through the status index. */
  listByStatus(regionId: string, status: ReportStatus, page: { limit: number; cursor?: string | undefined }): Promise<{ items: StoredReport[]; nextCursor: string | null }>;
}

/** The daily digest's once-per-day marks (the region's local date). */
export interface DigestMarks {
  /** When the digest was sent for that local date, if it was. */
  sentAt(regionId: string, date: string): Promise<string | null>;
  markSent(regionId: string, date: string, at: string): Promise<void>;
}

/** Claims on sends about a report (an e-mail or a hand-over that must go out once, or by one sender at a time). */
export interface SendClaims {
  /** Claims a send about the report for this caller: true when it holds the claim now. Without `until` the claim is
   *  for good (the first caller ever); with it, a lease another caller takes over once `until` has passed (a sender
   *  that died before sending). Two callers at once: exactly one gets true. */
  claim(regionId: string, id: string, name: string, at: string, until?: string): Promise<boolean>;
  /** Gives a lease back (only the one taken at `at`), so another caller may take it at once. */
  release(regionId: string, id: string, name: string, at: string): Promise<void>;
}

/** Bawaslu notices that failed after every retry, kept for the reconciler to deliver again (use-cases/failed-notices.ts). */
export interface FailedNoticeMarks {
  /** Marks a failed notice (one mark per report and event, its latest failure). */
  mark(regionId: string, id: string, event: WebhookEvent, at: string): Promise<void>;
  /** One page of the region's failed-notice marks, oldest failure first. */
  list(regionId: string, page: { limit: number; cursor?: string | undefined }): Promise<{ items: FailedNotice[]; nextCursor: string | null }>;
  /** Removes a mark once its notice went out, only while it is still that failure (`failedAt`). */
  clear(notice: FailedNotice): Promise<void>;
}

/** What brings reports stored by earlier versions up to date: run by the admin command (`report migrate`) and by
 *  `npm start` on a table kept from an earlier version, never by a Lambda (no function names it). */
export interface ReportMigrations {
  /** Computes the hash chain of a report stored before chains existed (once; marks it timelineMigratedAt); false
   *  when the report does not exist. */
  migrate(regionId: string, id: string, at: string): Promise<boolean>;
  /** Moves the index keys of the region's reports stored by an earlier version off their report items (their list,
   *  status and overdue-mark items, and the overdue key while overdue and open), so every list finds them where
   *  the new ones are; answers how many reports and how many had their keys moved. */
  migrateListKeys(regionId: string): Promise<{ reports: number; added: number }>;
  /** Salts the chain of a report stored before entries committed to personal values by salted hash: hashes move,
   *  each changed entry keeps its former one; false when there was nothing to do. */
  saltChain(regionId: string, id: string, at: string): Promise<boolean>;
  /** Puts a report stored before the employee's index in it; false when it is there already or names no NIP. */
  indexPerson(report: StoredReport): Promise<boolean>;
  /** Replaces the plain name and contact of a report stored before sealing with its sealed identity (the reporter
   *  becomes `{kind, sealed: true}`); false when the report is not there or was sealed meanwhile. */
  sealReporter(regionId: string, id: string, sealed: SealedValue): Promise<boolean>;
}

/** Runs the write that records an e-mail or a webhook as sent (its mark). The send cannot be taken back and a
 *  mark that does not land makes the step's retry send again, so the runtime retries it through an outage
 *  for as long as the function may run (lib/mark-sent.ts). */
export type MarkSent = <T>(write: () => Promise<T>) => Promise<T>;

export interface DecisionStore {
  get(key: string): Promise<DecisionRecord | null>;
  /** Stores the waiting task's token and answers the record as it is after that (null when unknown). */
  attachToken(key: string, taskToken: string): Promise<DecisionRecord | null>;
}

export interface Mailer {
  /** Sends one message; throws when it could not be handed over. */
  send(message: MailMessage): Promise<{ id: string }>;
}

export interface Workflow {
  /** Starts the report's execution of that run; starting it again is a no-op. */
  start(report: ExecutionRef): Promise<void>;
  describe(report: ExecutionRef): Promise<ExecutionStatus>;
  /** Restarts a failed, timed-out or aborted execution from the state that did not succeed. */
  redrive(report: ExecutionRef): Promise<void>;
  /** Starts the one notice execution of a report's webhook event (same state machine, input `notice`);
   *  starting it again is a no-op. */
  startNotice(notice: { regionId: string; reportId: string; event: WebhookEvent }): Promise<void>;
  /** Resumes a waiting task; false when the token is no longer waiting (stale, timed out, unknown). */
  sendTaskSuccess(taskToken: string, output: unknown): Promise<boolean>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<boolean>;
}

export interface WebhookSender {
  /** POSTs a JSON body signed with the secret; throws on a network error, a timeout or a non-2xx answer, and
   *  throws an error named `WebhookRefused` (permanent: never retried) for an address netra does not deliver to. */
  post(url: string, secret: string, body: string): Promise<void>;
  /** Why this URL can never be delivered to (scheme, credentials, a refused IP literal), or null. */
  urlProblem(url: string): string | null;
}

export interface DecisionLinks {
  /** The public base of decision links. */
  baseUrl: string;
  /** The HMAC key of decision links (read once, then cached). */
  secret(): Promise<string>;
}

export interface CeremonyStore {
  /** Writes the ceremony and its ceremony counters in one transaction; an existing id is returned as is. */
  create(ceremony: StoredCeremony): Promise<{ created: boolean; ceremony: StoredCeremony }>;
  get(regionId: string, id: string): Promise<StoredCeremony | null>;
  list(regionId: string): Promise<StoredCeremony[]>;
  /** Signatures per ceremony id for one election, from the counters. */
  signatoryCounts(regionId: string, electionId: string): Promise<Record<string, number>>;
  /** Stores each signature whose employee has not signed this election's text yet, changing the counters in
   *  the same transactions, so counts equal signatures under any concurrency. Keys must be distinct. */
  addSignatures(ceremony: StoredCeremony, signatures: NewSignature[], at: string): Promise<{ accepted: number; duplicates: number }>;
  counters(regionId: string, electionId: string): Promise<PledgeCounters>;
  /** Deletes a ceremony's signatures (the retention purge) and marks it erased (its leader's name too); the
   *  pledge counters stay. Answers how many were deleted; a ceremony erased already deletes none. */
  eraseSignatures(ceremony: StoredCeremony, at: string): Promise<number>;
  /** The signatures under one NIP, one per election and text at most. */
  signaturesOf(regionId: string, nip: string): Promise<PersonSignature[]>;
}

export interface SatgasStore {
  /** Forms or replaces an OPD's Satgas; false (nothing written) when the OPD is not in the region's directory. */
  put(regionId: string, satgas: Satgas): Promise<boolean>;
  /** The activity, its risks and its counters in one transaction, which also checks the Satgas and the reports. */
  createActivity(activity: Activity, risks: Risk[]): Promise<CreatedActivity>;
  listActivities(regionId: string, query: ListActivitiesQuery): Promise<{ items: Activity[]; nextCursor: string | null }>;
  /** An activity with its risks as they stand now; null when the region has no such activity. */
  getActivity(regionId: string, id: string): Promise<{ activity: Activity; risks: Risk[] } | null>;
  getRisk(regionId: string, id: string): Promise<Risk | null>;
  /** Moves a risk from its current status (risk.status, which must still hold) to `to` with a note, changing its
   *  counters in the same transaction; false, with nothing written, when its status is no longer risk.status. */
  setRiskStatus(risk: Risk, to: RiskStatus, note: string, at: string): Promise<boolean>;
  /** Risks of one election and status, newest first, at most `max`. */
  listRisks(regionId: string, electionId: string, status: RiskStatus, max: number): Promise<{ risks: Risk[]; truncated: boolean }>;
  counters(regionId: string, electionId: string): Promise<SatgasCounters>;
}

/** Envelope encryption of reporter identities (adapters/seal/: KMS in AWS, a key file locally). Throws
 *  UnavailableError when the master key cannot be reached (nothing sealed or opened), SealBrokenError when a value
 *  does not open for this context. */
export interface IdentitySeal {
  seal(context: SealContext, identity: ReporterIdentity): Promise<SealedValue>;
  unseal(context: SealContext, sealed: SealedValue): Promise<ReporterIdentity>;
}

export interface AccessLog {
  /** Hands one entry to the log's journal and answers once it is kept there (the function's own log stream in AWS,
   *  a file under the data directory locally): never a table write, so a read waits for neither the table nor its
   *  health. The writer (AccessLogWriter) moves journalled entries into the table. */
  record(regionId: string, entry: AccessEntry): Promise<void>;
  /** A person's own entries (reads of their record), newest first. */
  ofPerson(regionId: string, nip: string, page: { limit: number; cursor?: string | undefined }): Promise<{ items: AccessEntry[]; nextCursor: string | null }>;
  /** A report's entries, newest first. */
  ofReport(regionId: string, reportId: string, page: { limit: number; cursor?: string | undefined }): Promise<{ items: AccessEntry[]; nextCursor: string | null }>;
}

/** The access log's table side: where journalled entries end up, each kept until its own expiry. */
export interface AccessLogWriter {
  /** Writes the entries (idempotent by id) and adds each report read to its key's set for that hour; answers the
   *  sizes of the sets it changed (up to a cap above the unusual-reads alarm's threshold). */
  write(entries: Array<JournalledAccess & { expiresAt: Date }>): Promise<KeyHourReads[]>;
}

/** What the national bodies read across regions, and their own contact and digest marks. Recommendations and their
 *  follow-up counters are written by the report store, in the transactions that move the reports. */
export interface NationalStore {
  /** Every region's follow-up counters of one election, one small item a region (regions without a
   *  recommendation have none). */
  followUp(electionId: string): Promise<{ region: Region; counters: FollowUpCounters }[]>;
  /** A body's recommendations in every region, newest first, through its own index (never a region's reports). */
  recommendations(body: NationalBody, query: ListRecommendationsQuery): Promise<{ items: StoredReport[]; nextCursor: string | null }>;
  getContact(body: NationalBody): Promise<NationalContact | null>;
  putContact(body: NationalBody, contact: NationalContact, at: string): Promise<void>;
  /** The weekly digest's once-per-week mark (week: the Monday's date). */
  digestSentAt(body: NationalBody, week: string): Promise<string | null>;
  markDigestSent(body: NationalBody, week: string, at: string): Promise<void>;
}

/** Everything a use case may reach, built in one place (composition/root.ts). */
/** Where use cases note what an operator should know (Powertools Logger in every runtime). */
export interface Log {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
}

/** The e-mails netra sends, built by functions/views/ (emails.ts, digest-email.ts): use cases hand over facts,
 *  never markup, so they render nothing themselves. */
export interface MailViews {
  decisionRequest(input: { facts: CaseFacts; step: Step; approver: Approver; url: string; deadlineAt: string; reminder: boolean }): MailMessage;
  escalation(input: { facts: CaseFacts; step: Step; to: { name: string; email: string }; approver: Approver; deadlineAt: string }): MailMessage;
  bawasluNotice(input: { facts: CaseFacts; report: StoredReport; bawaslu: { name: string; email: string }; bkn?: { name: string; email: string } | undefined }): MailMessage;
  appealDecided(input: { facts: CaseFacts; report: StoredReport; appeal: Appeal; bawaslu: { name: string; email: string }; bkn?: { name: string; email: string } | undefined }): MailMessage;
  deliveryReminder(input: { facts: CaseFacts; report: StoredReport; dueAt: string; to: { name: string; email: string } }): MailMessage;
  appealDeadlinePassed(input: { facts: CaseFacts; appeal: Appeal; line: Message; bawaslu: { name: string; email: string }; bkn?: { name: string; email: string } | undefined }): MailMessage;
  digest(input: DigestContent): MailMessage;
  reporterUnsealed(input: {
    words: RegionWords; regionId: string; reportId: string; receiptCode: string; ppk: { name: string; email: string }; keyId: string; reason: string; at: string;
  }): MailMessage;
  nationalAction(input: { facts: CaseFacts; report: StoredReport; action: NationalAction; to: { name: string; email: string }[] }): MailMessage;
  nationalDigest(input: NationalDigestContent): MailMessage;
}

export interface Dependencies {
  clock: Clock;
  log: Log;
  regions: RegionStore;
  keys: KeyStore;
  directory: DirectoryStore;
  reports: ReportStore;
  reportQueries: ReportQueries;
  digests: DigestMarks;
  claims: SendClaims;
  failedNotices: FailedNoticeMarks;
  ceremonies: CeremonyStore;
  satgas: SatgasStore;
  national: NationalStore;
  decisions: DecisionStore;
  mailer: Mailer;
  mails: MailViews;
  workflow: Workflow;
  webhooks: WebhookSender;
  links: DecisionLinks;
  markSent: MarkSent;
  seal: IdentitySeal;
  accessLog: AccessLog;
  accessLogWriter: AccessLogWriter;
}
