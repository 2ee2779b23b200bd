// An open appeal past `decideBy` (a KEBERATAN after 21 working days: the employee may go to PTUN; a BANDING after 65:
// overdue): recorded once and Bawaslu e-mailed once. Two callers, whichever comes first: the objection's own
// execution when its deadline passes (deadlines.ts) and the daily scan of sanctioned reports (delivery-reminders.ts).
import type { Dependencies } from '#ports';
import { deadlineLine, type Appeal } from '#domain/appeals';
import { recommendationOf } from '#domain/recommendation';
import { TransitionConflict } from '#domain/errors';
import { joined, message } from '#domain/messages';
import type { StoredReport } from '#domain/report.schema';
import { regionTimeZone } from '#domain/time-zones';
import { append, factsOf } from './step-support.ts';
import { passAppealDeadline } from './appeal-changes.ts';

type Deps = Pick<Dependencies, 'clock' | 'regions' | 'reports' | 'directory' | 'mailer' | 'mails' | 'markSent'>;

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
export async function appealDeadlinePassed(
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
