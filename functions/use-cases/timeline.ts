// The timeline's chain from the outside: recompute a report's hashes and name the first entry that does not
// match (`npm run admin -- report verify`), and compute the chains of reports stored before chains existed.
import type { Dependencies, ReportMigrations } from '#ports';
import { NotFoundError } from '#domain/errors';
import { verifyChain, type ChainCheck } from '#domain/timeline-chain';
import { sealReporter } from './personal-data.ts';

export type Verification = ChainCheck & { reportId: string; migratedAt?: string | undefined };

export async function verifyReport(deps: Pick<Dependencies, 'reports'>, regionId: string, id: string): Promise<Verification> {
  const found = await deps.reports.get(regionId, id);
  if (!found) throw new NotFoundError(`Laporan ${id} tidak ditemukan di ${regionId} / report not found`);
  const check = verifyChain(id, found.timeline as Array<Record<string, unknown>>, found.report.timelineHash);
  return { ...check, reportId: id, ...(found.report.timelineMigratedAt ? { migratedAt: found.report.timelineMigratedAt } : {}) };
}

/** One line for a person: intact, or which entry broke the chain. */
export function verificationText(v: Verification): string {
  const migrated = v.migratedAt ? ` (rantai dihitung belakangan pada / chain computed after the fact at ${v.migratedAt})` : '';
  const erased = v.intact && v.erased ? `, ${v.erased} of them with personal data erased (their commitments checked)` : '';
  if (v.intact) return `report ${v.reportId}: chain intact, ${v.entries} entries${erased}, timelineHash ${v.timelineHash}${migrated}`;
  if (v.entry) {
    return `report ${v.reportId}: entry #${v.index + 1} (${String(v.entry.at)} ${String(v.entry.action)}) does not match: stored hash ${v.stored ?? '(none)'}, recomputed ${v.expected}${migrated}`;
  }
  return `report ${v.reportId}: the report's timelineHash ${v.stored ?? '(none)'} is not the last entry's hash ${v.expected}${migrated}`;
}

/** Where a hash a person holds (a notice's timelineHash) sits in a report's chain. */
export interface HashLocation {
  reportId: string;
  hash: string;
  entries: number;
  /** The entry whose hash it is, 1-based, and whether the chain recomputes up to it; null when no entry has it. */
  entry: { number: number; at: string; action: string; verifiesUpTo: boolean; firstMismatch?: number } | null;
  /** The notice entries that recorded carrying it (e-mail, webhook), 1-based. */
  carriedBy: { number: number; action: string; event?: string }[];
}

export async function locateHash(deps: Pick<Dependencies, 'reports'>, regionId: string, id: string, hash: string): Promise<HashLocation> {
  const found = await deps.reports.get(regionId, id);
  if (!found) throw new NotFoundError(`Laporan ${id} tidak ditemukan di ${regionId} / report not found`);
  const timeline = found.timeline as Array<Record<string, unknown>>;
  const wanted = hash.trim().toLowerCase();
  // A hash from before the chain was salted is the entry's former one (report migrate keeps it).
  const index = timeline.findIndex((entry) => entry.hash === wanted || entry.formerHash === wanted);
  const carriedBy = timeline.flatMap((entry, i) =>
    entry.carried === wanted ? [{ number: i + 1, action: String(entry.action), ...(typeof entry.event === 'string' ? { event: entry.event } : {}) }] : [],
  );
  if (index < 0) return { reportId: id, hash: wanted, entries: timeline.length, entry: null, carriedBy };
  // The chain up to that entry, as if it were the head: later entries do not matter to what the notice proved.
  const check = verifyChain(id, timeline.slice(0, index + 1), String(timeline[index]!.hash));
  const entry = timeline[index]!;
  return {
    reportId: id, hash: wanted, entries: timeline.length, carriedBy,
    entry: { number: index + 1, at: String(entry.at), action: String(entry.action), verifiesUpTo: check.intact, ...(check.intact ? {} : { firstMismatch: check.index + 1 }) },
  };
}

export function locationText(l: HashLocation): string {
  const carried = l.carriedBy.map((c) => `entry #${c.number} (${c.action}${c.event ? ` ${c.event}` : ''})`).join(', ');
  if (!l.entry) return `report ${l.reportId}: no entry has hash ${l.hash} (${l.entries} entries). Check the report id and that the hash was copied whole (64 hex digits).`;
  const what = `report ${l.reportId}: hash ${l.hash} is entry #${l.entry.number} (${l.entry.at} ${l.entry.action})`;
  const notice = carried ? `; the notice that carried it is recorded as ${carried}` : '';
  return l.entry.verifiesUpTo
    ? `${what}, the chain verifies up to it${notice}`
    : `${what}, but the chain does NOT verify up to it: entry #${l.entry.firstMismatch} does not match${notice}`;
}

/** Brings the region's older reports up to date: the chain of every report that has none yet, the reporter's
 *  identity of every report stored before sealing (sealed now), its entry in its employee's index (a person's
 *  record), and the index keys of every report stored by an
 *  earlier version (moved off its report item); answers how many of each it did. Safe to run again, and to stop:
 *  each report is done in its own writes, and a done one is skipped. */
export async function migrateRegion(
  deps: Pick<Dependencies, 'reports' | 'reportQueries' | 'clock' | 'seal'> & { migrations: ReportMigrations }, regionId: string,
): Promise<{ reports: number; migrated: number; sealed: number; listKeysAdded: number; personIndexed: number; salted: number }> {
  let cursor: string | undefined;
  let reports = 0;
  let migrated = 0;
  let sealed = 0;
  let personIndexed = 0;
  let salted = 0;
  // Bounded: 100 per page, at most 10,000 pages.
  for (let page = 0; page < 10_000; page++) {
    const { items, nextCursor } = await deps.reportQueries.list(regionId, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const item of items) {
      reports++;
      const found = await deps.reports.get(regionId, item.id);
      if (found && !found.report.timelineHash && (await deps.migrations.migrate(regionId, item.id, deps.clock.now().toISOString()))) migrated++;
      const reporter = found?.report.reporter;
      if (found && !found.report.reporterSealed && (reporter?.name !== undefined || reporter?.contact !== undefined)) {
        const value = await sealReporter(deps, { regionId, reportId: item.id }, reporter);
        if (value && (await deps.migrations.sealReporter(regionId, item.id, value))) sealed++;
      }
      if (found && (await deps.migrations.indexPerson(found.report))) personIndexed++;
      // Entries stored before they committed to personal values by salted hash: salted now (hashes move, each
      // keeps its former one), so the retention purge can erase the values and the chain still verify.
      if (found && (await deps.migrations.saltChain(regionId, item.id, deps.clock.now().toISOString()))) salted++;
    }
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  const { added } = await deps.migrations.migrateListKeys(regionId);
  return { reports, migrated, sealed, listKeysAdded: added, personIndexed, salted };
}
