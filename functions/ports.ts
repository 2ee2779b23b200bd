// The ports the use cases need; adapters/ makes them real for DynamoDB and the local stand-ins.
import type { Contacts, Opd, PutOpdBody, Settings } from '#domain/directory.schema';
import type { Decision, ListReportsQuery, ReportSummary, StoredReport, TimelineEntry } from '#domain/report.schema';
import type { ReportStatus } from '#domain/codes';
import type { Step } from '#domain/workflow';
import type { SignatoryRow, StoredCeremony } from '#domain/ceremony.schema';

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
  regionId: string;
  createdAt: string;
  revokedAt?: string;
}

export interface RegionStore {
  get(regionId: string): Promise<Region | null>;
  put(region: Region): Promise<void>;
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
  putSettings(regionId: string, settings: Settings, at: string): Promise<void>;
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
  /** Writes the report, its receipt, its first timeline entry and its counters in one transaction, which also
   *  checks that the employee's OPD is in the region's directory. `requestHash` is kept with the report, so a
   *  retry under the same id can be told from another request reusing it. */
  create(report: StoredReport, first: TimelineEntry, requestHash?: string): Promise<CreatedReport>;
  get(regionId: string, id: string): Promise<{ report: StoredReport; timeline: TimelineEntry[] } | null>;
  list(regionId: string, query: ListReportsQuery): Promise<ReportPage>;
  findByReceipt(receiptCode: string): Promise<{ status: StoredReport['status']; updatedAt: string } | null>;
  /** One step of the workflow in ONE transaction: the report (only while its status is still `from`),
   *  its GSI status keys, its stats counters, its timeline entries and, when given, a decision record.
   *  Throws TransitionConflict('report' | 'decision') when a condition fails, and writes nothing then. */
  transition(change: ReportTransition): Promise<void>;
  /** The region's counters for one election (one query over their shards). */
  counters(regionId: string, electionId: string): Promise<Record<string, number>>;
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
  /** Extra counters to add one to (level_X, outcome_X); status counters follow from `from` and `to`. */
  counters?: string[];
  /** A decision record written in the same transaction. */
  record?:
    | { create: DecisionRecord }
    /** Consumed (USED, with the decision) or EXPIRED, only while PENDING and, for USED, not yet expired. */
    | { key: string; to: 'USED' | 'EXPIRED'; decision?: Decision };
}

export interface Approver {
  role: 'OPD_HEAD' | 'BKPP' | 'PPK';
  name: string;
  email: string;
}

/** One decision link's record, stored under the hash of its id. */
export interface DecisionRecord {
  key: string;
  /** The id is HMAC(link secret, nonce): reminders send the same link again without storing it. */
  nonce: string;
  regionId: string;
  reportId: string;
  step: Step;
  approver: Approver;
  status: 'PENDING' | 'USED' | 'EXPIRED';
  createdAt: string;
  remindAt: string;
  expiresAt: string;
  /** The workflow's current task token for this wait, when one is waiting. */
  taskToken?: string;
  decision?: Decision;
}

export interface DecisionStore {
  get(key: string): Promise<DecisionRecord | null>;
  /** Stores the waiting task's token and answers the record as it is after that (null when unknown). */
  attachToken(key: string, taskToken: string): Promise<DecisionRecord | null>;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Sends one message; throws when it could not be handed over. */
  send(message: MailMessage): Promise<{ id: string }>;
}

export interface Workflow {
  /** Starts the report's one execution; starting it again is a no-op. */
  start(report: { regionId: string; reportId: string }): Promise<void>;
  /** Resumes a waiting task; false when the token is no longer waiting (stale, timed out, unknown). */
  sendTaskSuccess(taskToken: string, output: unknown): Promise<boolean>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<boolean>;
}

export interface WebhookSender {
  /** POSTs a JSON body signed with the secret; throws on a network error, a timeout or a non-2xx answer. */
  post(url: string, secret: string, body: string): Promise<void>;
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
}

/** Everything a use case may reach, built in one place (lib/dependencies.ts). */
/** Where use cases note what an operator should know (Powertools Logger in every runtime). */
export interface Log {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
}

export interface Dependencies {
  clock: Clock;
  log: Log;
  regions: RegionStore;
  keys: KeyStore;
  directory: DirectoryStore;
  reports: ReportStore;
  ceremonies: CeremonyStore;
  decisions: DecisionStore;
  mailer: Mailer;
  workflow: Workflow;
  webhooks: WebhookSender;
  links: DecisionLinks;
}
