// The ports the use cases need; adapters/ makes them real for DynamoDB and the local stand-ins.
import type { Contacts, Opd, PutOpdBody, Settings, SettingsChange } from '#domain/directory.schema';
import type { Decision, LinkDecision, ListReportsQuery, ReportSummary, StoredReport, TimelineEntry } from '#domain/report.schema';
import type { ReportStatus } from '#domain/codes';
import type { Step } from '#domain/workflow';
import type { DigestContent, WebhookEvent } from '#domain/notices';
import type { CaseFacts, RegionWords } from '#domain/case-facts';
import type { SignatoryRow, StoredCeremony } from '#domain/ceremony.schema';
import type { PersonSignature } from '#domain/people.schema';
import type { Appeal, SanctionRecord } from '#domain/appeals';
import type { Message } from '#domain/messages';
import type { NationalAction, NationalBody, NationalContact, NationalDigestContent, FollowUpCounters, ListRecommendationsQuery } from '#domain/national.schema';
import type { Activity, ListActivitiesQuery, Risk, RiskStatus, Satgas } from '#domain/satgas.schema';

export interface Clock {
  now(): Date;
}

export interface Region {
  id: string;
  name: string;
  agencyName: string;
  /** IANA zone; absent means the province's (regionTimeZone in domain/time-zones.ts). */
  timeZone?: string;
}

export interface ApiKeyRecord {
  keyId: string;
  /** The region the key belongs to; for a national body's key, its holder id (nationalHolder in use-cases/keys.ts). */
  regionId: string;
  /** Set on a national body's key: it calls only /v1/national/... */
  body?: NationalBody;
  createdAt: string;
  revokedAt?: string;
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

export interface ReportPage {
  items: ReportSummary[];
  nextCursor: string | null;
}

/** What creating a report did. */
export type CreatedReport =
  | { outcome: 'created'; report: StoredReport }
  /** A report was already stored under this id (a retried submission): that one, and whether the retry sent
   *  the same request (same request hash; always true when neither carried one). */
  | { outcome: 'exists'; report: StoredReport; sameRequest: boolean }
  /** The employee's OPD is not in the region's directory: nothing was written. */
  | { outcome: 'unknown-opd' };

export interface ReportStore {
  /** Writes the report, its receipt, its first timeline entry, its sealed reporter and its counters in one transaction, which also
   *  checks that the employee's OPD is in the region's directory. `requestHash` is kept with the report, so a
   *  retry under the same id can be told from another request reusing it. */
  create(report: StoredReport, first: TimelineEntry, requestHash?: string): Promise<CreatedReport>;
  get(regionId: string, id: string): Promise<{ report: StoredReport; timeline: TimelineEntry[] } | null>;
  list(regionId: string, query: ListReportsQuery): Promise<ReportPage>;
  findByReceipt(receiptCode: string): Promise<{ status: StoredReport['status']; updatedAt: string } | null>;
  /** One step of the workflow in ONE transaction: the report (only while its status is still `from`),
   *  its GSI status keys, its stats counters, its timeline entries and, when given, a decision record.
   *  Entries are hash-chained onto the report's timelineHash, conditional on it being unchanged (a concurrent
   *  append makes it read the new head and try again). Throws TransitionConflict('report' | 'decision' | 'once') when
   *  a condition fails, and writes nothing then. */
  transition(change: ReportTransition): Promise<void>;
  /** The region's counters for one election (one query over their shards). */
  counters(regionId: string, electionId: string): Promise<Record<string, number>>;
  /** Computes the hash chain of a report stored before chains existed (once; marks it timelineMigratedAt).
   *  Transitions do it by themselves first; false when the report does not exist. */
  migrate(regionId: string, id: string, at: string): Promise<boolean>;
  /** Moves the index keys of the region's reports stored by an earlier version off their report items (their list,
   *  status and overdue-mark items, and the overdue key while overdue and open), so every list finds them where
   *  the new ones are; answers how many reports and how many had their keys moved. */
  migrateListKeys(regionId: string): Promise<{ reports: number; added: number }>;
  /** The reports whose employee has this NIP, newest first, at most `max` (and whether there were more): a person's
   *  record, through the employee's index. */
  ofPerson(regionId: string, nip: string, max: number): Promise<{ reports: StoredReport[]; truncated: boolean }>;
  /** Salts the chain of a report stored before entries committed to personal values by salted hash (report
   *  migrate): hashes move, each changed entry keeps its former one; false when there was nothing to do. */
  saltChain(regionId: string, id: string, at: string): Promise<boolean>;
  /** Erases a closed report's personal data (domain/personal-data.ts erasedReport; each timeline entry's values
   *  and salt, their commitments kept; the sealed reporter; the employee's index item) and chains `entry`
   *  (PERSONAL_DATA_ERASED) on, leaving counters alone; a chain stored before salting is resalted first. False, with
   *  nothing written, when it is not there, was erased already, or changed meanwhile. */
  erasePersonalData(report: Pick<StoredReport, 'regionId' | 'id'>, erasure: { at: string; nipHash?: string | undefined; entry: TimelineEntry }): Promise<boolean>;
  /** Puts a report stored before the employee's index in it; false when it is there already or names no NIP. */
  indexPerson(report: StoredReport): Promise<boolean>;
  /** Replaces the plain name and contact of a report stored before sealing with its sealed identity (the reporter
   *  becomes `{kind, sealed: true}`); false when the report is not there or was sealed meanwhile. */
  sealReporter(regionId: string, id: string, sealed: SealedValue): Promise<boolean>;
  /** The reports created in [from, to) and those that became overdue in it (`overdueAt`), each in creation order,
   *  from the region's index (GSI1) and the overdue marks' (GSI2): the daily digest's content. */
  ofPeriod(regionId: string, from: string, to: string): Promise<{ received: StoredReport[]; overdue: StoredReport[] }>;
  /** The daily digest's once-per-day mark: when it was sent for that local date, if it was. */
  digestSentAt(regionId: string, date: string): Promise<string | null>;
  markDigestSent(regionId: string, date: string, at: string): Promise<void>;
  /** One page of the region's reports with one (open) status, oldest first, through the status index. */
  listByStatus(regionId: string, status: ReportStatus, page: { limit: number; cursor?: string | undefined }): Promise<{ items: StoredReport[]; nextCursor: string | null }>;
  /** Counts one more workflow round of an execution on the report (a fresh count for another execution); the
   *  report must exist. */
  countRound(regionId: string, id: string, execution: string): Promise<number>;
  /** Claims a send about the report for this caller: true when it holds the claim now. Without `until` the claim is
   *  for good (the first caller ever); with it, a lease another caller takes over once `until` has passed (a sender
   *  that died before sending). Two callers at once: exactly one gets true. */
  claim(regionId: string, id: string, name: string, at: string, until?: string): Promise<boolean>;
  /** Gives a lease back (only the one taken at `at`), so another caller may take it at once. */
  releaseClaim(regionId: string, id: string, name: string, at: string): Promise<void>;
  /** Marks a Bawaslu notice that failed after every retry (one mark per report and event, its latest failure),
   *  for the reconciler to deliver again (use-cases/failed-notices.ts). */
  markNoticeFailed(regionId: string, id: string, event: WebhookEvent, at: string): Promise<void>;
  /** One page of the region's failed-notice marks, oldest failure first. */
  failedNotices(regionId: string, page: { limit: number; cursor?: string | undefined }): Promise<{ items: FailedNotice[]; nextCursor: string | null }>;
  /** Removes a mark once its notice went out, only while it is still that failure (`failedAt`). */
  clearNoticeFailed(notice: FailedNotice): Promise<void>;
}

/** A Bawaslu notice that failed for good, until it is delivered. */
export interface FailedNotice {
  regionId: string;
  reportId: string;
  event: WebhookEvent;
  failedAt: string;
}

export interface ReportTransition {
  report: Pick<StoredReport, 'regionId' | 'id' | 'electionId'>;
  /** The status the report must still have. */
  from: ReportStatus;
  /** The new status, when it changes. */
  to?: ReportStatus;
  at: string;
  timeline: TimelineEntry[];
  decision?: Decision;
  sanction?: NonNullable<StoredReport['sanction']>;
  bawasluNotifiedAt?: string;
  /** A name this change is applied under at most once for the report (a notice's mark): a change with a name
   *  already applied is a TransitionConflict('once'), so a retried mark never writes its entry twice. */
  once?: string;
  /** Extra counters (domain/counters.ts COUNTERS): names to add one to (level_X, outcome_X), or named deltas
   *  (`{overdue: -1}`); status counters follow from `from` and `to` (transitionDeltas). */
  counters?: string[] | Record<string, number>;
  /** After the sanction: the sanction (null: annulled), its history and the appeals as they now stand, written
   *  only while the report's appealsVersion is still `version` (0: never written), which it then counts up. */
  appeal?: { version: number; sanction: SanctionRecord | null; sanctionHistory: SanctionRecord[]; appeals: Appeal[] };
  /** Set on the report unless it already has one (a recommendation's follow-up due time). */
  followUpDueAt?: string;
  /** A national body's action on its recommendation, appended to the report's `nationalActions`. */
  nationalAction?: NationalAction;
  /** Marks the report overdue (see use-cases/overdue.ts). */
  overdueAt?: string;
  /** The report must (true) or must not (false) be overdue, so an overdue count moves exactly once. */
  expectOverdue?: boolean;
  /** The report's current workflow execution (its run number; see adapters/sfn/workflow.ts executionName). */
  workflowRun?: number;
  /** A decision record written in the same transaction. */
  record?:
    /** A new link for the step; it becomes the report's pending decision, only while that is still `replaces`. */
    | { create: DecisionRecord; replaces: string | null }
    /** Consumed (USED, with the decision) or EXPIRED, only while PENDING and, for USED, not yet expired and
     *  still the report's current link. */
    | { key: string; to: 'USED' | 'EXPIRED'; decision?: LinkDecision }
    /** An e-mail about this link went out: marked once (a second mark is a TransitionConflict('decision')). */
    | { key: string; mark: DecisionMail }
    /** The approver changed: the record `key` (only while PENDING and the report's pending decision) is
     *  HANDED_OVER to `to`, created beside it as the report's pending decision. */
    | { handOver: { key: string; to: DecisionRecord } };
}

/** Runs the write that records an e-mail or a webhook as sent (its mark). The send cannot be taken back and a
 *  mark that does not land makes the step's retry send again, so the runtime retries it through an outage
 *  for as long as the function may run (lib/mark-sent.ts). */
export type MarkSent = <T>(write: () => Promise<T>) => Promise<T>;

/** The e-mails a decision link's record remembers as sent. */
export type DecisionMail = 'requestMailedAt' | 'reminderMailedAt' | 'escalationMailedAt';

export type { Approver } from '#domain/approvers';
import type { Approver } from '#domain/approvers';

/** One decision link's record, stored under the hash of its id. */
export interface DecisionRecord {
  key: string;
  /** The id is HMAC(link secret, nonce): reminders send the same link again without storing it. */
  nonce: string;
  regionId: string;
  reportId: string;
  step: Step;
  /** Step APPEAL: the objection this link decides. */
  appealId?: string;
  approver: Approver;
  status: 'PENDING' | 'USED' | 'EXPIRED' | 'HANDED_OVER';
  createdAt: string;
  /** HANDED_OVER: the record of the approver who holds the step now. */
  handedTo?: string;
  /** The record this one took over from, when the approver changed. */
  handedFrom?: string;
  remindAt: string;
  /** When the wait of this round ends (absent on older records: the link's expiry). */
  deadlineAt?: string;
  /** When the link stops working: the round's deadline, or later for the round after the last escalation,
   *  whose link stays valid while the report waits on overdue. */
  expiresAt: string;
  /** Escalations of this step before this link was made (0 for the first request). */
  escalations?: number;
  /** When each e-mail about this link went out (checked before sending, written right after). */
  requestMailedAt?: string;
  reminderMailedAt?: string;
  escalationMailedAt?: string;
  /** The workflow's current task token for this wait, when one is waiting. */
  taskToken?: string;
  decision?: LinkDecision;
}

export interface DecisionStore {
  get(key: string): Promise<DecisionRecord | null>;
  /** Stores the waiting task's token and answers the record as it is after that (null when unknown). */
  attachToken(key: string, taskToken: string): Promise<DecisionRecord | null>;
}

/** What an e-mail is, whoever sends it (an SES message tag in AWS, a field of the local outbox file): a hand-over
 *  reads like a step's request but is sent by whoever changed the directory, and marked once. */
export type MailKind =
  | 'decision-request' | 'reminder' | 'hand-over' | 'escalation' | 'bawaslu-notice' | 'appeal-decided' | 'appeal-deadline'
  | 'delivery-reminder' | 'digest' | 'reporter-unsealed' | 'national-action' | 'national-digest';

export interface MailMessage {
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** What the message is about, for logs and the local console (never sent): the report and the recipient's role. */
  about?: { regionId: string; reportId: string; role: string };
}

export interface Mailer {
  /** Sends one message; throws when it could not be handed over. */
  send(message: MailMessage): Promise<{ id: string }>;
}

/** Which execution of a report: run 0 is the one the intake starts; repairs and continuations count up. */
export interface ExecutionRef {
  regionId: string;
  reportId: string;
  run?: number | undefined;
  /** An objection's own execution (step APPEAL, ADR 0303), apart from the report's. */
  appealId?: string | undefined;
}

export interface ExecutionStatus {
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NONE';
  /** Step Functions can redrive it (a Standard execution that did not end in one of the definition's own
   *  Fail states, within its redrive window). */
  redrivable: boolean;
  error?: string | undefined;
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

/** A valid signatory row, with its index in the request and the key that identifies the employee. */
export interface NewSignature {
  index: number;
  employeeKey: string;
  row: SignatoryRow;
}

/** Pledge counters of one region and election, summed over their shards. */
export interface PledgeCounters {
  opds: Record<string, { ceremonies: number; signatories: number }>;
  regionWideCeremonies: number;
  declarations: number;
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

/** Satgas counters of one OPD and election; `cells` by cellCounter (domain/vulnerability-map.ts). */
export interface SatgasOpdCounters {
  socialisations: number;
  identifications: number;
  monitoring: number;
  openRisks: number;
  /** Open risks of level TINGGI. */
  highRisks: number;
  cells: Record<string, number>;
}

/** Satgas counters of one region and election, per OPD (read with one Query). */
export interface SatgasCounters {
  opds: Record<string, SatgasOpdCounters>;
}

/** What recording an activity did: nothing is written unless it is `created`. */
export type CreatedActivity =
  | { outcome: 'created' }
  /** The OPD has no Satgas (or is not in the directory). */
  | { outcome: 'no-satgas' }
  /** reportIds[index] is not a report of this region and election. */
  | { outcome: 'unknown-report'; index: number };

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

/** What a sealed reporter identity is bound to: it opens only for this region and report. */
export interface SealContext {
  regionId: string;
  reportId: string;
}

/** A reporter's identity in plain: only an unseal answers it. */
export interface ReporterIdentity {
  name?: string;
  contact?: string;
}

export type { AccessEntry, SealedValue } from '#domain/personal-data.schema';
import type { AccessEntry, SealedValue } from '#domain/personal-data.schema';

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

/** An access-log entry as the journal keeps it: its region, and an id of its own, so an entry written twice (a
 *  batch delivered again, a journal replayed after a crash) is one item. */
export interface JournalledAccess {
  regionId: string;
  id: string;
  entry: AccessEntry;
}

/** One API key's distinct reports read within one UTC hour (`hour`: YYYY-MM-DDTHH), as far as counted. */
export interface KeyHourReads {
  keyId: string;
  hour: string;
  distinctReports: number;
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

/** A decision link opened: its record, the report it decides and the case's facts, as the pages show them. */
export interface OpenDecision {
  record: DecisionRecord;
  report: StoredReport;
  facts: CaseFacts;
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
