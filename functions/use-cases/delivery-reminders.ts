// The daily scan of a region's sanctioned reports: decrees not handed over in time (PP 94/2021 Art. 37: within 14
// working days of the decision) get one timeline entry and one e-mail to the region's agency contact; open appeals
// past `decideBy` (a KEBERATAN after 21 working days: PTUN; a BANDING after 65: overdue) are recorded and Bawaslu
// is e-mailed, once each.
import type { Dependencies } from '#ports';
import { DELIVERY_WORKING_DAYS, openAppeal, type Appeal } from '#domain/appeals';
import { recommendationOf } from '#domain/recommendation';
import { TransitionConflict } from '#domain/errors';
import { joined, message } from '#domain/messages';
import type { StoredReport } from '#domain/report.schema';
import { formatLocal, localDate, regionTimeZone } from '#domain/time-zones';
import { workingDeadline } from '#domain/working-days';
import { append, factsOf } from './step-support.ts';
import { deadlineLine, passAppealDeadline } from './appeals.ts';

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

const APPEAL_DEADLINE_TOLD = (appealId: string) => `Tenggat upaya administratif ${appealId}`;

/** The APPEAL step's deadline: the same record and e-mail as the daily scan's, at the moment decideBy passes. */
export async function tellAppealDeadline(deps: Deps, report: StoredReport, appeal: Appeal): Promise<boolean> {
  const [region, contacts] = await Promise.all([deps.regions.get(report.regionId), deps.directory.getContacts(report.regionId)]);
  if (!contacts) throw new Error(`region ${report.regionId} has no contacts`);
  return appealDeadlinePassed(deps, report, appeal, regionTimeZone(region ?? { id: report.regionId }), contacts);
}

/** An open appeal past `decideBy`: recorded once (passAppealDeadline), then Bawaslu (and BKN for its
 *  recommendations) e-mailed once, marked by its own entry. A run that died between the two sends the e-mail on the
 *  next run (the day's mark is written only after a scan that went through). True when something was done now. */
async function appealDeadlinePassed(
  deps: Deps, report: StoredReport, appeal: Appeal, zone: string, contacts: NonNullable<Awaited<ReturnType<Deps['directory']['getContacts']>>>,
): Promise<boolean> {
  const passed = await passAppealDeadline(deps, report.regionId, report.id, appeal.id);
  const found = await deps.reports.get(report.regionId, report.id);
  if (!found || found.timeline.some((entry) => entry.action === 'BAWASLU_NOTIFIED' && entry.note?.startsWith(APPEAL_DEADLINE_TOLD(appeal.id)))) return passed;
  const bkn = recommendationOf(found.report) ? contacts.bkn : undefined;
  await deps.mailer.send(deps.mails.appealDeadlinePassed({
    facts: await factsOf(deps, found.report), appeal, line: deadlineLine(appeal, zone), bawaslu: contacts.bawaslu, bkn,
  }));
  const at = deps.clock.now().toISOString();
  try {
    // Written on whatever the report's state is then (append reads again), once however often it is retried.
    await deps.markSent(() => append(deps, { regionId: report.regionId, reportId: report.id }, [{
      at, actor: 'SYSTEM', action: 'BAWASLU_NOTIFIED', status: found.report.status,
      note: joined(message(
        `${APPEAL_DEADLINE_TOLD(appeal.id)} terlewati: e-mail ke ${contacts.bawaslu.name}${bkn ? ` dan ${bkn.name}` : ''}`,
        `appeal ${appeal.id} past its deadline: e-mail to Bawaslu${bkn ? ' and BKN' : ''}`,
      )),
    }], at, `bawaslu-email-appeal-deadline-${appeal.id}`));
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error;
  }
  return true;
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
