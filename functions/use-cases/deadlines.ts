// The reminder and the deadline of a waiting step: the same link again once, then the OPD review's time-out
// or an escalation (at most maxEscalations), and the report overdue after the last.
import type { Dependencies } from '#ports';
import type { DecisionRecord } from '#domain/decision-record';
import { DEFAULT_MAX_ESCALATIONS } from '#domain/directory.schema';
import { NotFoundError, TransitionConflict } from '#domain/errors';
import { secondsUntil, STEPS, type Step } from '#domain/workflow';
import { holderOn } from '#domain/acting';
import { joined, message } from '#domain/messages';
import { localTime } from '#domain/case-facts';
import { markOverdue } from './overdue.ts';
import { type Deps, type ReportRef, type WaitAnswer, answerOf, currentRecord, deadlineOf, factsOf, linkOf, loadReport, mailOnce, regionToday, wordsOf } from './step-support.ts';
import { handOverIfChanged } from './hand-overs.ts';
import { tellAppealDeadline } from './delivery-reminders.ts';
import type { StoredReport } from '#domain/report.schema';

/** The reminder: the same link again, once, while the decision is still pending and the report still waits on
 *  this step. The timeline notes it only after the e-mail went out. When someone else holds the role that day
 *  (an acting period began or ended), the step is handed over to them instead, with a new link. */
export async function sendReminder(deps: Omit<Deps, 'webhooks'> & Pick<Dependencies, 'claims'>, input: ReportRef & { step: Step; decisionKey: string; deadlineAt?: string | undefined }) {
  let record = await currentRecord(deps, input.decisionKey);
  if (!record) throw new NotFoundError('decision record not found');
  if (record.status === 'PENDING' && deps.clock.now() < new Date(deadlineOf(record))) {
    const handed = await handOverIfChanged(deps, (await loadReport(deps, input)).report, record);
    if (handed.changed) return { deadlineSeconds: secondsUntil(new Date(input.deadlineAt ?? deadlineOf(record)), deps.clock.now()), reminded: true };
    record = handed.record;
  }
  const live = record;
  const deadline = input.deadlineAt ?? deadlineOf(live);
  const deadlineSeconds = secondsUntil(new Date(deadline), deps.clock.now());
  // No reminder for a decision already taken, one whose deadline passed (e.g. while the local runner was
  // stopped), or one already reminded (a retried step, or the silent wait after the last escalation).
  if (live.status !== 'PENDING' || live.reminderMailedAt || deps.clock.now() >= new Date(deadlineOf(live))) return { deadlineSeconds, reminded: false };
  const { report } = await loadReport(deps, input);
  if (report.status !== STEPS[input.step].status || report.pendingDecision && report.pendingDecision !== live.key) return { deadlineSeconds, reminded: false };
  const facts = await factsOf(deps, report);
  const reminded = await mailOnce(deps, report, live, 'reminderMailedAt', async () => {
    await deps.mailer.send(deps.mails.decisionRequest({
      facts, step: input.step, approver: live.approver, url: await linkOf(deps, live), deadlineAt: deadlineOf(live), reminder: true,
    }));
  }, {
    actor: 'SYSTEM', action: 'REMINDER_SENT', status: report.status,
    note: joined(message(
      `Pengingat dikirim ke ${live.approver.name}; tenggat ${localTime(facts.words, deadlineOf(live))}`,
      `reminder sent to ${live.approver.name}; deadline ${localTime(facts.words, deadlineOf(live))}`,
    )),
  });
  return { deadlineSeconds, reminded };
}

/** The step's deadline. OPD: the report goes on to BKPP, noting the head did not answer. BKPP and PPK: the
 *  Sekda (or the PPK) is e-mailed and the workflow asks again with a fresh link, at most `maxEscalations`
 *  times; after that the report is overdue and the wait goes on silently with the same link. Either way the
 *  link expires in the same transaction, so a last-second click and the deadline cannot both win. */
export async function decisionDeadline(deps: Omit<Deps, 'webhooks'> & Pick<Dependencies, 'claims'>, input: ReportRef & { step: Step; decisionKey: string }, handOvers = 0): Promise<WaitAnswer> {
  const { step } = input;
  const record = await currentRecord(deps, input.decisionKey);
  if (!record) throw new NotFoundError('decision record not found');
  // Handed over between reading the record and expiring it: expire the one that is live now.
  const retry = (now: DecisionRecord | null) => now?.status === 'HANDED_OVER' && handOvers < 20;
  if (record.status === 'USED' && record.decision) return answerOf(record);
  const { report } = await loadReport(deps, input);
  const at = deps.clock.now().toISOString();
  const expire = { key: record.key, to: 'EXPIRED' as const };
  const words = await wordsOf(deps, report.regionId);
  const deadline = localTime(words, record.expiresAt);

  if (step === 'APPEAL') return objectionDeadline(deps, report, record);

  if (step === 'OPD_REVIEW') {
    try {
      await deps.reports.transition({
        report, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', at, record: expire,
        timeline: [{
          at, actor: 'SYSTEM', action: 'OPD_REVIEW_TIMED_OUT', status: 'AWAITING_BKPP_ASSESSMENT',
          note: joined(message(
            `Kepala OPD (${record.approver.name}) tidak memberi keputusan sampai tenggat ${deadline}; laporan diteruskan ke ${words.agencyFull}`,
            `the OPD head did not answer by the deadline; forwarded to ${words.agencyFull}`,
          )),
        }],
      });
    } catch (error) {
      if (!(error instanceof TransitionConflict)) throw error;
      const now = await deps.decisions.get(record.key);
      if (now?.status === 'USED' && now.decision) return answerOf(now);
      if (retry(now)) return decisionDeadline(deps, input, handOvers + 1);
    }
    return { outcome: 'TIMED_OUT', step };
  }

  const timing = (await deps.directory.getSettings(report.regionId))[STEPS[step].settings];
  const maxEscalations = 'maxEscalations' in timing ? timing.maxEscalations ?? DEFAULT_MAX_ESCALATIONS : DEFAULT_MAX_ESCALATIONS;
  if (record.status === 'PENDING' && (record.escalations ?? 0) >= maxEscalations) {
    // After the last escalation: no more e-mails, the same link stays live, and the report counts as overdue.
    await markOverdue(deps, report, step, at);
    return { outcome: 'OVERDUE', step };
  }

  if (record.status === 'PENDING') {
    try {
      await deps.reports.transition({ report, from: STEPS[step].status, at, record: expire, timeline: [] });
    } catch (error) {
      if (!(error instanceof TransitionConflict)) throw error;
      const now = await deps.decisions.get(record.key);
      if (now?.status === 'USED' && now.decision) return answerOf(now);
      if (retry(now)) return decisionDeadline(deps, input, handOvers + 1);
      // Already expired by an earlier attempt of this step: the e-mail below may not have gone out, so send it.
    }
  }
  const contacts = await deps.directory.getContacts(report.regionId);
  // The Sekda, or the PPK (an acting one while their period runs) when the region has no Sekda on record or the
  // Sekda is the one who did not answer (a BKPP step handed over for conflict of interest).
  const sekda = record.approver.role === 'SEKDA' ? undefined : contacts?.sekda;
  const to = sekda ?? (contacts ? holderOn(contacts.ppk, await regionToday(deps, report.regionId)) : undefined);
  const facts = await factsOf(deps, report);
  await mailOnce(deps, report, record, 'escalationMailedAt', async () => {
    if (to) await deps.mailer.send(deps.mails.escalation({ facts, step, to, approver: record.approver, deadlineAt: deadlineOf(record) }));
  }, {
    actor: 'SYSTEM', action: 'ESCALATED', status: report.status,
    note: joined(message(
      `${record.approver.name} tidak memberi keputusan sampai tenggat ${localTime(facts.words, deadlineOf(record))}; ${to ? `${to.name} diberi tahu; ` : ''}tautan baru dikirim (eskalasi ${(record.escalations ?? 0) + 1} dari ${maxEscalations})`,
      `no decision by the deadline; ${to ? `${to.name} informed; ` : ''}a fresh link is sent (escalation ${(record.escalations ?? 0) + 1} of ${maxEscalations})`,
    )),
  });
  return { outcome: 'ESCALATED', step };
}

/** The objection's decideBy passed (21 working days): the timeline and Bawaslu are told the employee may go to
 *  PTUN, and the same link stays live (OVERDUE: the wait goes on silently). Once the link itself expired
 *  (OVERDUE_LINK_DAYS later) the execution ends (LAPSED); the objection stays open and counted overdue. */
async function objectionDeadline(deps: Omit<Deps, 'webhooks'>, report: StoredReport, record: DecisionRecord): Promise<WaitAnswer> {
  const appeal = report.appeals?.find((a) => a.id === record.appealId);
  if (appeal?.status === 'OPEN') await tellAppealDeadline(deps, report, appeal);
  return { outcome: deps.clock.now() >= new Date(record.expiresAt) ? 'LAPSED' : 'OVERDUE', step: 'APPEAL' };
}
