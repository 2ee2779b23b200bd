// The sanction workflow's steps, as the state machine's Task states run them (functions/steps/ are thin
// wrappers). Each step is safe to run again: Step Functions retries, and the local runner resumes after a restart.
import type { Approver, Dependencies, DecisionRecord } from '#ports';
import { NotFoundError, TransitionConflict } from '#domain/errors';
import { decisionIdFor, decisionKey, decisionUrl, newNonce } from '#domain/decision-links';
import { durationSeconds } from '#domain/durations';
import type { Report, StoredReport, TimelineEntry } from '#domain/report.schema';
import { isClosed, opdReviewSkipReason, secondsUntil, STEPS, type Step, type WaitOutcome } from '#domain/workflow';
import { joined, message } from '#domain/messages';
import { caseFacts, localTime, regionWords, type CaseFacts, type RegionWords } from '#views/case-summary';
import { bawasluNoticeEmail, decisionRequestEmail, escalationEmail } from '#views/emails';

type Deps = Pick<Dependencies, 'clock' | 'reports' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'links' | 'workflow' | 'webhooks'>;
export interface ReportRef {
  regionId: string;
  reportId: string;
}

/** What a wait hands back to the state machine when it resumes. */
export interface WaitAnswer {
  outcome: WaitOutcome;
  step?: Step;
}

async function loadReport(deps: Pick<Dependencies, 'reports'>, ref: ReportRef) {
  const found = await deps.reports.get(ref.regionId, ref.reportId);
  if (!found) throw new NotFoundError(`report ${ref.regionId}/${ref.reportId} does not exist`);
  return found;
}

/** The region's agency name and time zone, as its people read them. */
export async function wordsOf(deps: Pick<Dependencies, 'regions'>, regionId: string): Promise<RegionWords> {
  return regionWords(await deps.regions.get(regionId), regionId);
}

export async function factsOf(deps: Pick<Dependencies, 'regions' | 'directory'>, report: StoredReport): Promise<CaseFacts> {
  const [words, opd] = await Promise.all([wordsOf(deps, report.regionId), deps.directory.getOpd(report.regionId, report.employee.opdId)]);
  return caseFacts(report, words, opd?.name ?? report.employee.opdId);
}

/** Writes timeline entries alone (no status change) while the report still has `status`; false when it moved on. */
async function note(deps: Pick<Dependencies, 'reports'>, report: StoredReport, at: string, entries: TimelineEntry[]): Promise<boolean> {
  try {
    await deps.reports.transition({ report, from: report.status, at, timeline: entries });
    return true;
  } catch (error) {
    if (error instanceof TransitionConflict) return false;
    throw error;
  }
}

/** First Task: decides whether the OPD review is skipped (conflict of interest, no head e-mail) and records why. */
export async function startReview(deps: Deps, ref: ReportRef): Promise<{ skipOpdReview: boolean }> {
  const { report } = await loadReport(deps, ref);
  if (report.status !== 'RECEIVED') return { skipOpdReview: report.status !== 'AWAITING_OPD_REVIEW' };
  const opd = await deps.directory.getOpd(report.regionId, report.employee.opdId);
  const reason = opdReviewSkipReason(report, opd);
  if (!reason) return { skipOpdReview: false };
  try {
    await deps.reports.transition({
      report, from: 'RECEIVED', to: 'AWAITING_BKPP_ASSESSMENT', at: deps.clock.now().toISOString(),
      timeline: [{ at: deps.clock.now().toISOString(), actor: 'SYSTEM', action: 'OPD_REVIEW_SKIPPED', status: 'AWAITING_BKPP_ASSESSMENT', note: reason }],
    });
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error;
  }
  return { skipOpdReview: true };
}

async function approverFor(deps: Deps, report: StoredReport, step: Step): Promise<Approver> {
  if (step === 'OPD_REVIEW') {
    const opd = await deps.directory.getOpd(report.regionId, report.employee.opdId);
    if (!opd?.head?.email) throw new NotFoundError(`OPD ${report.employee.opdId} has no head e-mail`);
    return { role: 'OPD_HEAD', name: opd.head.name, email: opd.head.email };
  }
  const contacts = await deps.directory.getContacts(report.regionId);
  if (!contacts) throw new NotFoundError(`region ${report.regionId} has no contacts: PUT /v1/directory/contacts`);
  return step === 'BKPP_ASSESSMENT'
    ? { role: 'BKPP', name: contacts.bkpp.name, email: contacts.bkpp.email }
    : { role: 'PPK', name: `${contacts.ppk.name}`, email: contacts.ppk.email };
}

async function linkOf(deps: Pick<Dependencies, 'links'>, record: DecisionRecord): Promise<string> {
  const secret = await deps.links.secret();
  return decisionUrl(deps.links.baseUrl, secret, decisionIdFor(secret, record.nonce), record.expiresAt);
}

/** Moves the report to the step's status, makes one decision link for the step's approver and e-mails it. */
export async function requestDecision(deps: Deps, input: ReportRef & { step: Step }) {
  const { step } = input;
  const { report } = await loadReport(deps, input);
  const status = STEPS[step].status;
  const mayStartFrom = step === 'OPD_REVIEW' ? ['RECEIVED', status] : [status];
  if (!mayStartFrom.includes(report.status)) {
    throw new Error(`report ${report.id} is ${report.status}, not ready for ${step}`);
  }
  const approver = await approverFor(deps, report, step);
  const timing = (await deps.directory.getSettings(report.regionId))[STEPS[step].settings];
  const now = deps.clock.now();
  const remindAt = new Date(now.getTime() + durationSeconds(timing.remindAfter)! * 1000).toISOString();
  const expiresAt = new Date(now.getTime() + durationSeconds(timing.deadline)! * 1000).toISOString();
  const nonce = newNonce();
  const secret = await deps.links.secret();
  const record: DecisionRecord = {
    key: decisionKey(decisionIdFor(secret, nonce)), nonce, regionId: report.regionId, reportId: report.id, step, approver,
    status: 'PENDING', createdAt: now.toISOString(), remindAt, expiresAt,
  };
  const at = now.toISOString();
  const facts = await factsOf(deps, { ...report, status });
  const until = localTime(facts.words, expiresAt);
  await deps.reports.transition({
    report, from: report.status, to: status, at, record: { create: record },
    timeline: [{
      at, actor: 'SYSTEM', action: 'DECISION_REQUESTED', status,
      note: joined(message(`Tautan keputusan dikirim ke ${approver.name}, berlaku sampai ${until}`, `decision link sent to ${approver.name}, valid until ${until}`)),
    }],
  });
  await deps.mailer.send(decisionRequestEmail({ facts, step, approver, url: await linkOf(deps, record), deadlineAt: expiresAt, reminder: false }));
  return { decisionKey: record.key, remindAt, remindSeconds: secondsUntil(new Date(remindAt), deps.clock.now()), deadlineAt: expiresAt };
}

export function answerOf(record: DecisionRecord): WaitAnswer {
  return { outcome: record.decision!.outcome, step: record.step };
}

/** A wait's function: keeps the task token on the decision record. If the decision was already taken
 *  (clicked between two waits, or while the runner was down), it resumes the task itself at once. */
export async function awaitDecision(deps: Deps, input: { taskToken: string; decisionKey: string }): Promise<{ waiting: boolean }> {
  const record = await deps.decisions.attachToken(input.decisionKey, input.taskToken);
  if (!record) {
    await deps.workflow.sendTaskFailure(input.taskToken, 'DecisionNotFound', 'the decision record of this wait does not exist');
    return { waiting: false };
  }
  if (record.status === 'USED' && record.decision) {
    await deps.workflow.sendTaskSuccess(input.taskToken, answerOf(record));
    return { waiting: false };
  }
  return { waiting: true };
}

/** The reminder: the same link again, while the decision is still pending. */
export async function sendReminder(deps: Deps, input: ReportRef & { step: Step; decisionKey: string }) {
  const record = await deps.decisions.get(input.decisionKey);
  if (!record) throw new NotFoundError('decision record not found');
  const deadlineSeconds = secondsUntil(new Date(record.expiresAt), deps.clock.now());
  // No reminder for a decision already taken, nor one whose deadline passed (e.g. while the local runner was stopped).
  if (record.status !== 'PENDING' || deps.clock.now() >= new Date(record.expiresAt)) return { deadlineSeconds, reminded: false };
  const { report } = await loadReport(deps, input);
  const at = deps.clock.now().toISOString();
  const facts = await factsOf(deps, report);
  const until = localTime(facts.words, record.expiresAt);
  const recorded = await note(deps, report, at, [{
    at, actor: 'SYSTEM', action: 'REMINDER_SENT', status: report.status,
    note: joined(message(`Pengingat dikirim ke ${record.approver.name}; tenggat ${until}`, `reminder sent to ${record.approver.name}; deadline ${until}`)),
  }]);
  if (!recorded || report.status !== STEPS[input.step].status) return { deadlineSeconds, reminded: false };
  await deps.mailer.send(decisionRequestEmail({
    facts, step: input.step, approver: record.approver, url: await linkOf(deps, record), deadlineAt: record.expiresAt, reminder: true,
  }));
  return { deadlineSeconds, reminded: true };
}

/** The step's deadline. OPD: the report goes on to BKPP, noting the head did not answer. BKPP and PPK: the
 *  Sekda (or the PPK) is e-mailed and the workflow asks again with a fresh link. Either way the link expires
 *  in the same transaction, so a last-second click and the deadline cannot both win. */
export async function decisionDeadline(deps: Deps, input: ReportRef & { step: Step; decisionKey: string }): Promise<WaitAnswer> {
  const { step } = input;
  const record = await deps.decisions.get(input.decisionKey);
  if (!record) throw new NotFoundError('decision record not found');
  if (record.status === 'USED' && record.decision) return answerOf(record);
  const { report } = await loadReport(deps, input);
  const at = deps.clock.now().toISOString();
  const expire = { key: record.key, to: 'EXPIRED' as const };
  const words = await wordsOf(deps, report.regionId);
  const deadline = localTime(words, record.expiresAt);

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
    }
    return { outcome: 'TIMED_OUT', step };
  }

  const contacts = await deps.directory.getContacts(report.regionId);
  const to = contacts?.sekda ?? (contacts ? { name: contacts.ppk.name, email: contacts.ppk.email } : undefined);
  try {
    await deps.reports.transition({
      report, from: STEPS[step].status, at, record: expire,
      timeline: [{
        at, actor: 'SYSTEM', action: 'ESCALATED', status: report.status,
        note: joined(message(
          `${record.approver.name} tidak memberi keputusan sampai tenggat ${deadline}; ${to ? `${to.name} diberi tahu; ` : ''}tautan baru dikirim`,
          `no decision by the deadline; ${to ? `${to.name} informed; ` : ''}a fresh link is sent`,
        )),
      }],
    });
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error;
    const now = await deps.decisions.get(record.key);
    if (now?.status === 'USED' && now.decision) return answerOf(now);
    // Already expired by an earlier attempt of this step: the e-mail below may not have gone out, so send it.
  }
  if (to) {
    const facts = await factsOf(deps, report);
    await deps.mailer.send(escalationEmail({ facts, step, to, approver: record.approver, deadlineAt: record.expiresAt }));
  }
  return { outcome: 'ESCALATED', step };
}

/** The report as Bawaslu's webhook receives it: everything but the reporter's identity (only its kind). */
export function reportForBawaslu(report: StoredReport, timeline: TimelineEntry[]): Report {
  return { ...report, reporter: { kind: report.reporter.kind }, timeline };
}

export class NoticeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeError';
  }
}

/** Tells Bawaslu how a closed report ended, by e-mail or by the signed webhook. Throws on failure so the
 *  state machine retries with backoff. */
export async function notifyBawaslu(deps: Deps, input: ReportRef & { channel: 'email' | 'webhook' }) {
  const { report, timeline } = await loadReport(deps, input);
  if (!isClosed(report.status)) throw new NoticeError(`report ${report.id} is ${report.status}, not closed`);
  const contacts = await deps.directory.getContacts(report.regionId);
  if (!contacts) throw new NoticeError(`region ${report.regionId} has no Bawaslu contact`);
  const at = () => deps.clock.now().toISOString();

  if (input.channel === 'email') {
    if (report.bawasluNotifiedAt) return { sent: true }; // an earlier attempt got through
    const facts = await factsOf(deps, report);
    await deps.mailer.send(bawasluNoticeEmail({ facts, report, bawaslu: contacts.bawaslu }));
    const sentAt = at();
    await deps.reports.transition({
      report, from: report.status, at: sentAt, bawasluNotifiedAt: sentAt,
      timeline: [{ at: sentAt, actor: 'SYSTEM', action: 'BAWASLU_NOTIFIED', status: report.status, note: joined(message(`E-mail ke ${contacts.bawaslu.name} <${contacts.bawaslu.email}>`, 'e-mail to Bawaslu')) }],
    });
    return { sent: true };
  }

  const { webhookUrl, webhookSecret } = contacts.bawaslu;
  if (!webhookUrl || !webhookSecret) return { sent: false };
  if (timeline.some((entry) => entry.action === 'BAWASLU_WEBHOOK_DELIVERED')) return { sent: true };
  const body = JSON.stringify({ event: 'report.closed', report: reportForBawaslu(report, timeline) });
  await deps.webhooks.post(webhookUrl, webhookSecret, body);
  const deliveredAt = at();
  await note(deps, report, deliveredAt, [{
    at: deliveredAt, actor: 'SYSTEM', action: 'BAWASLU_WEBHOOK_DELIVERED', status: report.status, note: joined(message('Webhook report.closed terkirim', `delivered to ${new URL(webhookUrl).host}`)),
  }]);
  return { sent: true };
}

/** After every retry failed: the timeline says so before the execution fails into its alarmed state. */
export async function recordNoticeFailure(deps: Deps, input: ReportRef & { error?: string; cause?: string }) {
  const { report } = await loadReport(deps, input);
  const at = deps.clock.now().toISOString();
  await note(deps, report, at, [{
    at, actor: 'SYSTEM', action: 'BAWASLU_NOTICE_FAILED', status: report.status,
    note: joined(message(`Pemberitahuan ke Bawaslu gagal setelah semua percobaan (${input.error ?? 'Error'}); operator diberi tahu`, 'the notice to Bawaslu failed after every retry; operators are alerted')),
  }]);
  return { recorded: true };
}
