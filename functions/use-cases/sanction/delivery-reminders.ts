// The daily scan of a region's sanctioned reports: decrees not handed over in time (PP 94/2021 Art. 37: within 14
// working days of the decision) get one timeline entry and one e-mail to the region's agency contact; open appeals
// past `decideBy` (a KEBERATAN after 21 working days: PTUN; a BANDING after 65: overdue) are recorded and Bawaslu
// is e-mailed, once each.
import type { Dependencies } from '#ports';
import { DELIVERY_WORKING_DAYS, openAppeal } from '#domain/appeals';
import { TransitionConflict } from '#domain/errors';
import { joined, message } from '#domain/messages';
import type { StoredReport } from '#domain/report.schema';
import { formatLocal, localDate, regionTimeZone } from '#domain/time-zones';
import { workingDeadline } from '#domain/working-days';
import { factsOf } from './shared/step-support.ts';
import { appealDeadlinePassed } from './shared/appeal-deadlines.ts';

type Deps = Pick<Dependencies, 'clock' | 'regions' | 'reports' | 'directory' | 'mailer' | 'mails' | 'markSent'>;
/** The daily scan reads the region's sanctioned reports and keeps its once-a-day mark. */
type ScanDeps = Deps & Pick<Dependencies, 'reportQueries' | 'digests'>;

export const DELIVERY_OVERDUE = 'DECREE_DELIVERY_OVERDUE';
/** Sanctioned reports read per page, and pages per run: a region's scan is bounded (5,000 reports a day). */
const PAGE = 100;
const MAX_PAGES = 50;

/** The day's mark, beside the daily digest's: the scan runs once per region and local date. */
const markOf = (date: string) => `${date}#delivery`;

/** When the decree was due to be handed over: the end of the 14th working day after the PPK's decision. */
export function deliveryDue(report: StoredReport, zone: string, holidays: string[]): string | undefined {
  const decided = report.decisions.findLast((d) => d.step === 'PPK_DECISION' && d.outcome === 'IMPOSE')?.at;
  return decided ? workingDeadline(decided, DELIVERY_WORKING_DAYS, zone, holidays).at : undefined;
}

/** Reminds the agency of every decree past its delivery window, once each; answers how many were reminded. */
export async function remindUndeliveredDecrees(deps: ScanDeps, regionId: string): Promise<{ reminded: number; scanned: number; appealDeadlines: number } | null> {
  const region = await deps.regions.get(regionId);
  if (!region) return null;
  const zone = regionTimeZone(region);
  const now = deps.clock.now();
  const today = localDate(now, zone);
  if (await deps.digests.sentAt(regionId, markOf(today))) return null;
  const [settings, contacts] = await Promise.all([deps.directory.getSettings(regionId), deps.directory.getContacts(regionId)]);
  if (!contacts) return null;
  let reminded = 0;
  let scanned = 0;
  let appealDeadlines = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, nextCursor } = await deps.reportQueries.listByStatus(regionId, 'SANCTIONED', { limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const report of items) {
      scanned++;
      const open = openAppeal(report.appeals);
      if (open?.decideBy && now.toISOString() > open.decideBy && await appealDeadlinePassed(deps, report, open, zone, contacts)) appealDeadlines++;
      // (An objection's own execution records its deadline too, at the moment it passes; whichever comes first
      // writes it, the other finds it written.)
      if (report.sanction?.deliveredAt || report.sanction?.byAppeal) continue;
      const due = deliveryDue(report, zone, settings.holidays ?? []);
      if (!due || now.toISOString() <= due) continue;
      if (await remindOnce(deps, report, due, zone, contacts.bkpp)) reminded++;
    }
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  await deps.digests.markSent(regionId, markOf(today), now.toISOString());
  return { reminded, scanned, appealDeadlines };
}

async function remindOnce(deps: Deps, report: StoredReport, due: string, zone: string, agency: { name: string; email: string }): Promise<boolean> {
  const found = await deps.reports.get(report.regionId, report.id);
  if (!found || found.timeline.some((entry) => entry.action === DELIVERY_OVERDUE)) return false;
  const facts = await factsOf(deps, found.report);
  await deps.mailer.send(deps.mails.deliveryReminder({ facts, report: found.report, dueAt: due, to: agency }));
  const at = deps.clock.now().toISOString();
  try {
    // Written once (a retried mark whose first attempt landed meets its name) and retried through an outage.
    await deps.markSent(() => deps.reports.transition({
      report: found.report, from: found.report.status, at, once: 'decree-delivery-reminder',
      timeline: [{
        at, actor: 'SYSTEM', action: DELIVERY_OVERDUE, status: found.report.status,
        note: joined(message(
          `SK ${found.report.sanction?.decreeNumber ?? ''} belum tercatat diserahkan kepada pegawai sampai ${formatLocal(due, zone)} (14 hari kerja, PP 94/2021 Pasal 37); ${agency.name} diberi tahu melalui e-mail`,
          `the decree was not recorded as delivered within 14 working days; ${agency.name} was e-mailed`,
        )),
      }],
    }));
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error;
  }
  return true;
}
