// The retention purge (SPEC "Personal data"): what has passed its period loses its personal data; codes, dates,
// counts and the hash chain stay. Run daily for every region (scheduled), or by `npm run admin -- retention run`.
import type { Dependencies } from '#ports';
import { CLOSED_STATUSES } from '#domain/codes';
import { addCalendar, calendarDuration } from '#domain/durations';
import { keyedNipHash } from '#domain/personal-data';
import type { StoredReport } from '#domain/report.schema';

type Deps = Pick<Dependencies, 'clock' | 'reports' | 'reportQueries' | 'directory' | 'links' | 'ceremonies'>;

export interface RetentionResult {
  regionId: string;
  asOf: string;
  dryRun: boolean;
  /** Closed reports past their period: erased now (or, on a dry run, that would be). */
  reports: { erased: number; ids: string[] };
  /** Ceremonies past their period: their signatures deleted (the pledge counts stay). */
  ceremonies: { erased: number; ids: string[]; signatures: number };
}

/** Pages of 100 through each closed status, at most this many pages a status in one run (a million reports). */
const MAX_PAGES = 10_000;

/** A closed report is due once its period has passed since its last change (its close, or a later appeal or
 *  notice: never earlier than the close); never while an appeal is still open. */
export function dueForErasure(report: StoredReport, period: string, asOf: Date): boolean {
  const duration = calendarDuration(period);
  if (!duration || report.personalDataErasedAt || !CLOSED_STATUSES.includes(report.status)) return false;
  if (report.appeals?.some((appeal) => appeal.status === 'OPEN')) return false;
  return addCalendar(new Date(report.updatedAt), duration).getTime() <= asOf.getTime();
}

export async function runRetention(deps: Deps, regionId: string, options: { asOf?: Date; dryRun?: boolean } = {}): Promise<RetentionResult> {
  const asOf = options.asOf ?? deps.clock.now();
  const dryRun = options.dryRun ?? false;
  const { retention } = await deps.directory.getSettings(regionId);
  const ids: string[] = [];
  for (const status of CLOSED_STATUSES) {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, nextCursor } = await deps.reportQueries.listByStatus(regionId, status, { limit: 100, ...(cursor ? { cursor } : {}) });
      for (const report of items.filter((r) => dueForErasure(r, retention.reports, asOf))) {
        if (dryRun || (await erase(deps, report, retention.reports))) ids.push(report.id);
      }
      if (!nextCursor) break;
      cursor = nextCursor;
    }
  }
  const ceremonies = await eraseCeremonies(deps, regionId, retention.signatories, asOf, dryRun);
  return { regionId, asOf: asOf.toISOString(), dryRun, reports: { erased: ids.length, ids }, ceremonies };
}

/** A ceremony's signatures are due once its period has passed since the ceremony was held. */
async function eraseCeremonies(deps: Deps, regionId: string, period: string, asOf: Date, dryRun: boolean): Promise<RetentionResult['ceremonies']> {
  const duration = calendarDuration(period);
  const due = duration
    ? (await deps.ceremonies.list(regionId)).filter((c) => !c.personalDataErasedAt && addCalendar(new Date(c.heldAt), duration).getTime() <= asOf.getTime())
    : [];
  let signatures = 0;
  if (!dryRun) for (const ceremony of due) signatures += await deps.ceremonies.eraseSignatures(ceremony, deps.clock.now().toISOString());
  return { erased: due.length, ids: due.map((c) => c.id), signatures };
}

async function erase(deps: Deps, report: StoredReport, period: string): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  // (Erasing chains a report stored before chains existed first, and salts an unsalted chain, itself.)
  const nip = report.employee.nip;
  const nipHash = nip ? keyedNipHash(await deps.links.secret(), report.regionId, nip) : undefined;
  return deps.reports.erasePersonalData(report, {
    at, nipHash,
    entry: {
      at, actor: 'SYSTEM', action: 'PERSONAL_DATA_ERASED', status: report.status,
      note: `Masa retensi ${period} berakhir: nama, NIP, uraian, lokasi, bukti, pelapor dan catatan dihapus (UU 27/2022) / retention period ${period} ended: personal data erased`,
    },
  });
}
