// The ports the use cases need; adapters/ makes them real for DynamoDB and the local stand-ins.
import type { Contacts, Opd, PutOpdBody, Settings } from '#domain/directory.schema';
import type { ListReportsQuery, ReportSummary, StoredReport, TimelineEntry } from '#domain/report.schema';

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

/** Everything a use case may reach, built in one place (lib/dependencies.ts). */
export interface Dependencies {
  clock: Clock;
  regions: RegionStore;
  keys: KeyStore;
  directory: DirectoryStore;
  reports: ReportStore;
}
