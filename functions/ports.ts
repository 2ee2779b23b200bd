// The ports the use cases need; adapters/ makes them real for DynamoDB and the local stand-ins.
import type { Contacts, Opd, PutOpdBody, Settings } from '#domain/directory.schema';
import type { ListReportsQuery, ReportSummary, StoredReport, TimelineEntry } from '#domain/report.schema';
import type { SignatoryRow, StoredCeremony } from '#domain/ceremony.schema';

export interface Clock {
  now(): Date;
}

export interface Region {
  id: string;
  name: string;
  agencyName: string;
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

export interface ReportStore {
  /** Writes the report, its receipt, its first timeline entry and its counters in one transaction.
   *  Returns the report already stored under the same id when there is one (a retried submission). */
  create(report: StoredReport, first: TimelineEntry): Promise<{ created: boolean; report: StoredReport }>;
  get(regionId: string, id: string): Promise<{ report: StoredReport; timeline: TimelineEntry[] } | null>;
  list(regionId: string, query: ListReportsQuery): Promise<ReportPage>;
  findByReceipt(receiptCode: string): Promise<{ status: StoredReport['status']; updatedAt: string } | null>;
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
export interface Dependencies {
  clock: Clock;
  regions: RegionStore;
  keys: KeyStore;
  directory: DirectoryStore;
  reports: ReportStore;
  ceremonies: CeremonyStore;
}
