// The access log's writer side: entries taken from the journal into the table, each kept for its region's
// `retention.accessLog` counted from the access (docs/privacy.md, ADR 0404).
import type { Dependencies } from '#ports';
import { DEFAULT_RETENTION } from '#domain/directory.schema';
import { addCalendar, calendarDuration, type CalendarDuration } from '#domain/durations';
import { AccessEntry, type JournalledAccess, type KeyHourReads } from '#domain/personal-data.schema';

/** Writes a batch of journalled entries, each expiring its region's access-log period after its access; the period
 *  is read when the entry is written, so a changed setting applies to entries written from then on. */
export async function storeAccessEntries(
  deps: Pick<Dependencies, 'accessLogWriter' | 'directory'>, batch: JournalledAccess[],
): Promise<KeyHourReads[]> {
  if (!batch.length) return [];
  const periods = new Map<string, CalendarDuration>();
  for (const regionId of new Set(batch.map((journalled) => journalled.regionId))) {
    const { retention } = await deps.directory.getSettings(regionId);
    periods.set(regionId, calendarDuration(retention.accessLog) ?? calendarDuration(DEFAULT_RETENTION.accessLog)!);
  }
  return deps.accessLogWriter.write(batch.map((journalled) => ({
    ...journalled, expiresAt: addCalendar(new Date(journalled.entry.at), periods.get(journalled.regionId)!),
  })));
}

/** A journal line read back (`{regionId, id, entry}`), or null when it is not one: a torn last line, someone
 *  else's log line. Nothing of a line that does not parse is written. */
export function journalledAccess(value: unknown): JournalledAccess | null {
  if (typeof value !== 'object' || value === null) return null;
  const { regionId, id, entry } = value as Record<string, unknown>;
  if (typeof regionId !== 'string' || typeof id !== 'string' || !regionId || !id) return null;
  const parsed = AccessEntry.safeParse(entry);
  if (!parsed.success || Number.isNaN(Date.parse(parsed.data.at))) return null;
  return { regionId, id, entry: parsed.data };
}
