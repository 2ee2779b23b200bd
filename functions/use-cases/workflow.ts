// The sanction workflow's steps, as the state machine's Task states run them (functions/steps/ are thin
// wrappers). Each step is safe to run again: Step Functions retries, and the local runner resumes after a restart.
import type { Approver, Dependencies, DecisionMail, DecisionRecord } from '#ports';
import { DEFAULT_MAX_ESCALATIONS } from '#domain/directory.schema';
import { NotFoundError, TransitionConflict } from '#domain/errors';
import { decisionIdFor, decisionKey, decisionUrl, newNonce } from '#domain/decision-links';
import { durationSeconds } from '#domain/durations';
import { WEBHOOK_REFUSED } from '#domain/webhook-address';
import { publicReport, type Report, type StoredReport, type TimelineEntry } from '#domain/report.schema';
import { deliveredEvent, WEBHOOK_DELIVERED, type WebhookEvent } from '#domain/notices';
import { dueInstant, recommendationOf, sourceOf } from '#domain/recommendation';
import { isClosed, opdReviewSkipReason, secondsUntil, STEPS, type Step, type WaitOutcome } from '#domain/workflow';
import { addressOf, holderOn } from '#domain/acting';
import { approverOf, type StepApprover } from '#domain/approvers';
import { localDate, regionTimeZone } from '#domain/time-zones';
import { joined, message } from '#domain/messages';
import { caseFacts, localTime, regionWords, type CaseFacts, type RegionWords } from '#domain/case-facts';
import { markOverdue } from './overdue.ts';

type Deps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'mails' | 'links' | 'workflow' | 'webhooks' | 'markSent'>;
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

// Who decides a waiting step, and hand-overs when someone else holds its role now (see approver-changes.ts).
type ChangeDeps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'mails' | 'links' | 'markSent'>;

/** A record is handed over at most this many times in a row before a step reads it (one per holder change). */
const MAX_HAND_OVERS = 20;
/** The region's today (YYYY-MM-DD in its zone): acting periods are dates there. */
export async function regionToday(deps: Pick<Dependencies, 'clock' | 'regions'>, regionId: string): Promise<string> {
  const region = await deps.regions.get(regionId);
  return localDate(deps.clock.now(), regionTimeZone(region ?? { id: regionId }));
}

/** Who decides the step today (an acting official while their period runs; the Sekda for a BKPP conflict). */
export async function approverFor(deps: Pick<Dependencies, 'clock' | 'regions' | 'directory'>, report: StoredReport, step: Step): Promise<StepApprover> {
  const [opd, contacts, today] = await Promise.all([
    step === 'OPD_REVIEW' ? deps.directory.getOpd(report.regionId, report.employee.opdId) : null,
    step === 'OPD_REVIEW' ? null : deps.directory.getContacts(report.regionId),
    regionToday(deps, report.regionId),
  ]);
  const found = approverOf(step, report, { opd, contacts }, today);
  if (found) return found;
  throw new NotFoundError(step === 'OPD_REVIEW'
    ? `OPD ${report.employee.opdId} has no head e-mail`
    : `region ${report.regionId} has no contacts: PUT /v1/directory/contacts`);
}

export async function linkOf(deps: Pick<Dependencies, 'links'>, record: DecisionRecord): Promise<string> {
  const secret = await deps.links.secret();
  return decisionUrl(deps.links.baseUrl, secret, decisionIdFor(secret, record.nonce), record.expiresAt);
}

/** When a round's wait ends (older records have only the link's expiry). */
export const deadlineOf = (record: DecisionRecord) => record.deadlineAt ?? record.expiresAt;

/** Sends an e-mail about a decision link once: checked on the record before, marked right after with the
 *  timeline entry that says it went out. A send that fails marks nothing (the step's retry sends again); a mark
 *  that meets an outage is retried through it (MarkSent), and only one longer than the function may run makes the
 *  step's retry send the same link again. */
export async function mailOnce(
  deps: Pick<Dependencies, 'clock' | 'reports' | 'markSent'>, report: StoredReport, record: DecisionRecord, mark: DecisionMail,
  send: () => Promise<unknown>, entry: Omit<TimelineEntry, 'at'>,
) {
  if (record[mark]) return false;
  await send();
  const at = deps.clock.now().toISOString();
  try {
    // A retry whose first attempt landed after all meets its own mark: a conflict, caught below.
    await deps.markSent(() => deps.reports.transition({ report, from: report.status, at, record: { key: record.key, mark }, timeline: [{ ...entry, at }] }));
  } catch (error) {
    // Marked by a concurrent attempt, or the report moved on meanwhile: the e-mail went out either way.
    if (!(error instanceof TransitionConflict)) throw error;
  }
  return true;
}

/** The record live now for the key a wait holds: follows hand-overs (bounded). */
export async function currentRecord(deps: Pick<Dependencies, 'decisions'>, key: string): Promise<DecisionRecord | null> {
  let record = await deps.decisions.get(key);
  for (let hops = 0; record?.status === 'HANDED_OVER' && record.handedTo && hops < MAX_HAND_OVERS; hops++) {
    record = await deps.decisions.get(record.handedTo);
  }
  return record;
}

const same = (a: Approver, b: Approver) => a.role === b.role && a.email.toLowerCase() === b.email.toLowerCase();

async function sendLink(deps: ChangeDeps, report: StoredReport, record: DecisionRecord): Promise<void> {
  const facts = await factsOf(deps, report);
  const { approver } = record;
  await mailOnce(deps, report, record, 'requestMailedAt', async () => {
    await deps.mailer.send(deps.mails.decisionRequest({ facts, step: record.step, approver, url: await linkOf(deps, record), deadlineAt: deadlineOf(record), reminder: false }));
  }, {
    actor: 'SYSTEM', action: 'DECISION_REQUESTED', status: report.status,
    note: joined(message(
      `Tautan keputusan dikirim ke ${addressOf(approver)}, berlaku sampai ${localTime(facts.words, deadlineOf(record))}`,
      `decision link sent to ${addressOf(approver)}, valid until ${localTime(facts.words, deadlineOf(record))}`,
    )),
  });
}

/** Hands a pending record to the step's holder of today when that is someone else, in one transaction with the
 *  timeline entry, then e-mails the new link. Answers the record that is live afterwards and whether it changed.
 *  A hand-over whose e-mail was lost (the process died after the transaction) is e-mailed again here. */
export async function handOverIfChanged(deps: ChangeDeps, report: StoredReport, record: DecisionRecord): Promise<{ record: DecisionRecord; changed: boolean }> {
  if (record.status !== 'PENDING' || report.status !== STEPS[record.step].status) return { record, changed: false };
  let holder: StepApprover;
  try {
    holder = await approverFor(deps, report, record.step);
  } catch (error) {
    // The directory names nobody now (e.g. the head's e-mail was removed): the link stays with its approver.
    if (error instanceof NotFoundError) return { record, changed: false };
    throw error;
  }
  if (same(holder.approver, record.approver)) {
    if (record.handedFrom && !record.requestMailedAt) await sendLink(deps, report, record);
    return { record, changed: false };
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const nonce = newNonce();
  const secret = await deps.links.secret();
  const next: DecisionRecord = {
    key: decisionKey(decisionIdFor(secret, nonce)), nonce, regionId: record.regionId, reportId: record.reportId, step: record.step,
    approver: holder.approver, status: 'PENDING', createdAt: at, remindAt: record.remindAt, expiresAt: record.expiresAt, handedFrom: record.key,
    // The same round of the same step: its deadline and its escalation count go on.
    ...(record.deadlineAt ? { deadlineAt: record.deadlineAt } : {}),
    ...(record.escalations !== undefined ? { escalations: record.escalations } : {}),
    // The waiting task resumes from whichever record is decided.
    ...(record.taskToken ? { taskToken: record.taskToken } : {}),
  };
  try {
    await deps.reports.transition({
      report, from: report.status, at, record: { handOver: { key: record.key, to: next } },
      timeline: [{
        at, actor: 'SYSTEM', action: 'APPROVER_CHANGED', status: report.status,
        note: `${STEPS[record.step].id}: tautan ${addressOf(record.approver)} dihentikan; tautan baru dikirim ke ${addressOf(holder.approver)} (${holder.approver.role})${holder.reason ? `. ${holder.reason}` : ''} / the link of ${record.approver.name} was stopped and a new one sent to ${holder.approver.name}`,
      }],
    });
  } catch (error) {
    // Decided, expired or handed over meanwhile: whatever won stands.
    if (error instanceof TransitionConflict) return { record: (await currentRecord(deps, record.key)) ?? record, changed: false };
    throw error;
  }
  await sendLink(deps, report, next);
  return { record: next, changed: true };
}

/** Writes timeline entries alone (no status change) while the report still has `status`; false when it moved on.
 *  With `once`, entries already written under that name count as written. */
async function note(deps: Pick<Dependencies, 'reports'>, report: StoredReport, at: string, entries: TimelineEntry[], once?: string): Promise<boolean> {
  try {
    await deps.reports.transition({ report, from: report.status, at, timeline: entries, ...(once ? { once } : {}) });
    return true;
  } catch (error) {
    if (error instanceof TransitionConflict) return error.reason === 'once';
    throw error;
  }
}

/** Appends entries whatever the report's status is now (a notice's record): retried on the status it finds. */
async function append(deps: Pick<Dependencies, 'reports'>, ref: ReportRef, entries: TimelineEntry[], at: string, once?: string): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const { report } = await loadReport(deps, ref);
    if (await note(deps, report, at, entries, once)) return;
  }
  throw new Error(`report ${ref.reportId} kept moving; its timeline entry is retried with the step`);
}

/** Where an execution goes on from the report's current status: a new report's OPD review (or its skip for a
 *  conflict of interest or an OPD without a head e-mail, recorded with why); a report already further on (a
 *  repaired or continued execution) at its current step; a closed one at its Bawaslu notice. A notice
 *  execution goes to its webhook (WEBHOOK_NOTICE). */
export type ResumeAt = Step | 'NOTICE' | 'WEBHOOK_NOTICE';

/** First Task: decides where the execution begins. A report's own execution first tells Bawaslu it was received
 *  (see tellReceived), then resumes at the report's current status. */
export async function startReview(deps: Deps, ref: ReportRef & { notice?: WebhookEvent | undefined }): Promise<{ resumeAt: ResumeAt }> {
  if (ref.notice) return { resumeAt: 'WEBHOOK_NOTICE' };
  const { report, timeline } = await loadReport(deps, ref);
  await tellReceived(deps, report, timeline);
  if (report.status !== 'RECEIVED') return { resumeAt: resumeAtOf(report.status) };
  const opd = await deps.directory.getOpd(report.regionId, report.employee.opdId);
  const reason = opdReviewSkipReason(report, opd);
  if (!reason) return { resumeAt: 'OPD_REVIEW' };
  try {
    await deps.reports.transition({
      report, from: 'RECEIVED', to: 'AWAITING_BKPP_ASSESSMENT', at: deps.clock.now().toISOString(),
      timeline: [{ at: deps.clock.now().toISOString(), actor: 'SYSTEM', action: 'OPD_REVIEW_SKIPPED', status: 'AWAITING_BKPP_ASSESSMENT', note: reason }],
    });
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error;
  }
  return { resumeAt: 'BKPP_ASSESSMENT' };
}

/** Bawaslu's report.received webhook. On the report's first run it is sent inline, once: the common case costs
 *  no execution of its own. When that attempt fails (the receiver down, slow or refused, or no contact) the
 *  event gets its own notice execution, with the closing notice's retries, failure record and alarm, so a
 *  failing receiver never holds the review up; a later run (repaired, continued) only makes sure that
 *  execution exists (starting it again is a no-op). */
async function tellReceived(deps: Deps, report: StoredReport, timeline: TimelineEntry[]): Promise<void> {
  if (deliveredEvent(timeline, 'report.received')) return;
  const ref = { regionId: report.regionId, reportId: report.id };
  if (report.status === 'RECEIVED') {
    try {
      await notifyBawaslu(deps, { ...ref, event: 'report.received' });
      return;
    } catch (error) {
      deps.log.warn('report.received not delivered inline; its notice execution retries it', { error: (error as Error).name });
    }
  }
  await deps.workflow.startNotice({ ...ref, event: 'report.received' });
}

function resumeAtOf(status: StoredReport['status']): ResumeAt {
  if (isClosed(status)) return 'NOTICE';
  const step = (Object.keys(STEPS) as Step[]).find((name) => STEPS[name].status === status);
  return step ?? 'OPD_REVIEW';
}


/** How long the link of the round after the last escalation stays valid after that round's deadline: the
 *  report waits on, overdue and without more e-mails, and the approver can still decide with it. */
export const OVERDUE_LINK_DAYS = 180;

/** Where one execution stops and the next goes on, well before Step Functions' limits (25,000 history events,
 *  one year): a round of a step (request, reminder, deadline) is about 30 events. */
export interface ExecutionLimits {
  maxRounds: number;
  maxSeconds: number;
}
export const EXECUTION_LIMITS: ExecutionLimits = { maxRounds: 200, maxSeconds: 355 * 86400 };

interface RequestInput extends ReportRef {
  step: Step;
  executionName?: string | undefined;
  executionStartedAt?: string | undefined;
}
const RETRIED = Symbol('retried');

/** What RequestDecision hands the state machine: the wait's times, or `continue` to go on in a fresh execution. */
export interface RequestAnswer {
  continue: boolean;
  decisionKey: string;
  remindAt: string;
  remindSeconds: number;
  deadlineAt: string;
}

/** Moves the report to the step's status and e-mails the step's approver one decision link. A retried or
 *  repeated request (a Step Functions retry, a repaired or continued execution, the silent wait after the last
 *  escalation) reuses the step's pending link: never a second nonce, never a second live link, and the e-mail
 *  only if it has not gone out. Answers `continue` instead when this execution should go on in a fresh one. */
export async function requestDecision(deps: Deps, input: RequestInput & { [RETRIED]?: true }, limits: ExecutionLimits = EXECUTION_LIMITS): Promise<RequestAnswer> {
  const { step } = input;
  const { report, timeline } = await loadReport(deps, input);
  const status = STEPS[step].status;
  const mayStartFrom = step === 'OPD_REVIEW' ? ['RECEIVED', status] : [status];
  if (!mayStartFrom.includes(report.status)) {
    throw new Error(`report ${report.id} is ${report.status}, not ready for ${step}`);
  }
  const timing = (await deps.directory.getSettings(report.regionId))[STEPS[step].settings];
  const deadlineSeconds = durationSeconds(timing.deadline)!;
  const now = deps.clock.now();

  if (input.executionName && input.executionStartedAt) {
    const rounds = await deps.reports.countRound(report.regionId, report.id, input.executionName);
    const horizon = new Date(input.executionStartedAt).getTime() + limits.maxSeconds * 1000;
    // A fresh execution always does its first round, so a handover can never chain without progress.
    if (rounds > 1 && (rounds > limits.maxRounds || now.getTime() + deadlineSeconds * 1000 > horizon)) {
      // The wait that follows fails at once with ContinueInNewExecution (see awaitDecision); its timeout only has to
      // outlast that call.
      const outlast = new Date(now.getTime() + 300_000).toISOString();
      return { continue: true, decisionKey: '', remindAt: outlast, remindSeconds: 300, deadlineAt: outlast };
    }
  }

  const pending = report.pendingDecision ? await deps.decisions.get(report.pendingDecision) : null;
  let record: DecisionRecord;
  let silentUntil: string | undefined;
  if (pending && pending.step === step && pending.status === 'PENDING' && report.status === status) {
    record = pending;
    // Past the round's deadline and still pending: the wait after the last escalation goes on, silently.
    if (now >= new Date(deadlineOf(record))) silentUntil = new Date(now.getTime() + deadlineSeconds * 1000).toISOString();
  } else {
    const { approver, reason } = await approverFor(deps, report, step);
    const escalations = pending && pending.step === step && pending.status === 'EXPIRED' ? (pending.escalations ?? 0) + 1 : 0;
    const maxEscalations = 'maxEscalations' in timing ? timing.maxEscalations ?? DEFAULT_MAX_ESCALATIONS : 0;
    let remind = new Date(now.getTime() + durationSeconds(timing.remindAfter)! * 1000);
    let deadline = new Date(now.getTime() + deadlineSeconds * 1000);
    const recommendation = recommendationOf(report);
    if (step === 'PPK_DECISION' && recommendation?.dueAt) {
      // The PPK's deadline is the end of the recommendation's due date in the region's zone, while it is ahead;
      // once it has passed (a fresh period after an escalation), the region's own deadline applies.
      const due = dueInstant(recommendation, regionTimeZone((await deps.regions.get(report.regionId)) ?? { id: report.regionId }))!;
      if (due > now) {
        deadline = due;
        if (remind >= due) remind = new Date(now.getTime() + (due.getTime() - now.getTime()) / 2);
      }
    }
    const remindAt = remind.toISOString();
    const deadlineAt = deadline.toISOString();
    const last = step !== 'OPD_REVIEW' && escalations >= maxEscalations;
    const expiresAt = last ? new Date(now.getTime() + (deadlineSeconds + OVERDUE_LINK_DAYS * 86400) * 1000).toISOString() : deadlineAt;
    const nonce = newNonce();
    const secret = await deps.links.secret();
    record = {
      key: decisionKey(decisionIdFor(secret, nonce)), nonce, regionId: report.regionId, reportId: report.id, step, approver,
      status: 'PENDING', createdAt: now.toISOString(), remindAt, deadlineAt, expiresAt, escalations,
    };
    try {
      const at = now.toISOString();
      // A BKPP case about BKPP's own holder: why the Sekda decides, said once however often the step asks again.
      const conflict = reason && !timeline.some((entry) => entry.action === 'APPROVER_CONFLICT_OF_INTEREST' && entry.status === status)
        ? [{ at, actor: 'SYSTEM', action: 'APPROVER_CONFLICT_OF_INTEREST', status, note: reason }]
        : [];
      await deps.reports.transition({
        report, from: report.status, to: status, at, record: { create: record, replaces: report.pendingDecision ?? null }, timeline: conflict,
        // Without a due date, a recommendation's follow-up is due at the PPK's first deadline.
        ...(step === 'PPK_DECISION' && recommendation ? { followUpDueAt: deadlineAt } : {}),
      });
    } catch (error) {
      // Another attempt made the step's link first: that one is the live link (counted once, asked once more).
      if (!(error instanceof TransitionConflict) || input[RETRIED]) throw error;
      return requestDecision(deps, { ...input, executionName: undefined, [RETRIED]: true }, limits);
    }
  }

  const facts = await factsOf(deps, { ...report, status });
  const { approver } = record;
  await mailOnce(deps, { ...report, status }, record, 'requestMailedAt', async () => {
    await deps.mailer.send(deps.mails.decisionRequest({ facts, step, approver, url: await linkOf(deps, record), deadlineAt: deadlineOf(record), reminder: false }));
  }, {
    actor: 'SYSTEM', action: 'DECISION_REQUESTED', status,
    note: joined(message(
      `Tautan keputusan dikirim ke ${addressOf(approver)}, berlaku sampai ${localTime(facts.words, deadlineOf(record))}`,
      `decision link sent to ${addressOf(approver)}, valid until ${localTime(facts.words, deadlineOf(record))}`,
    )),
  });
  const remindAt = silentUntil ?? record.remindAt;
  return {
    continue: false, decisionKey: record.key, remindAt, remindSeconds: secondsUntil(new Date(remindAt), deps.clock.now()), deadlineAt: silentUntil ?? deadlineOf(record),
  };
}

export function answerOf(record: DecisionRecord): WaitAnswer {
  return { outcome: record.decision!.outcome, step: record.step };
}

/** A wait's function: keeps the task token on the decision record. If the decision was already taken
 *  (clicked between two waits, or while the runner was down), it resumes the task itself at once. */
export async function awaitDecision(deps: Deps, input: { taskToken: string; decisionKey: string; continue?: boolean | undefined }): Promise<{ waiting: boolean }> {
  // RequestDecision answered `continue`: the wait ends at once, caught into ContinueInNewExecution (no Choice
  // state between the two, one state transition less per round).
  if (input.continue) {
    await deps.workflow.sendTaskFailure(input.taskToken, 'ContinueInNewExecution', 'this execution goes on in a fresh one');
    return { waiting: false };
  }
  let record = await deps.decisions.attachToken(input.decisionKey, input.taskToken);
  // Handed to another approver: the token goes along to the record that is live now.
  for (let hops = 0; record?.status === 'HANDED_OVER' && record.handedTo && hops < 20; hops++) {
    record = await deps.decisions.attachToken(record.handedTo, input.taskToken);
  }
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

/** The reminder: the same link again, once, while the decision is still pending and the report still waits on
 *  this step. The timeline notes it only after the e-mail went out. When someone else holds the role that day
 *  (an acting period began or ended), the step is handed over to them instead, with a new link. */
export async function sendReminder(deps: Deps, input: ReportRef & { step: Step; decisionKey: string; deadlineAt?: string | undefined }) {
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
export async function decisionDeadline(deps: Deps, input: ReportRef & { step: Step; decisionKey: string }, handOvers = 0): Promise<WaitAnswer> {
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

/** The report as Bawaslu's webhook receives it: everything but the reporter's identity (only its kind). */
export function reportForBawaslu(report: StoredReport, timeline: TimelineEntry[]): Report {
  return { ...publicReport(report), source: sourceOf(report), reporter: { kind: report.reporter.kind }, timeline };
}

/** A webhook's body: `{event, report, timelineHash}`, the hash of the timeline as it is when sent. */
export function webhookBody(event: WebhookEvent, report: StoredReport, timeline: TimelineEntry[]): string {
  return JSON.stringify({ event, report: reportForBawaslu(report, timeline), timelineHash: report.timelineHash ?? null });

}

export class NoticeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeError';
  }
}

/** Tells Bawaslu: that a report closed, by e-mail (copied to BKN for its recommendations) and then by the signed
 *  webhook; that a report was received or became overdue, by webhook alone. Each is sent once: the e-mail's mark
 *  is `bawasluNotifiedAt`, a webhook's its timeline entry, so a retried step sends only what did not go out.
 *  Throws on failure so the state machine retries with backoff. */
export async function notifyBawaslu(deps: Deps, input: ReportRef & { event?: WebhookEvent | undefined }) {
  const event = input.event ?? 'report.closed';
  let { report, timeline } = await loadReport(deps, input);
  if (event === 'report.closed' && !isClosed(report.status)) throw new NoticeError(`report ${report.id} is ${report.status}, not closed`);
  const contacts = await deps.directory.getContacts(report.regionId);
  if (!contacts) throw new NoticeError(`region ${report.regionId} has no Bawaslu contact`);
  const at = () => deps.clock.now().toISOString();

  if (event === 'report.closed' && !report.bawasluNotifiedAt) {
    const facts = await factsOf(deps, report);
    const bkn = recommendationOf(report) ? contacts.bkn : undefined;
    await deps.mailer.send(deps.mails.bawasluNotice({ facts, report, bawaslu: contacts.bawaslu, bkn }));
    const sentAt = at();
    const to = `${contacts.bawaslu.name} <${contacts.bawaslu.email}>${bkn ? ` dan/and ${bkn.name} <${bkn.email}>` : ''}`;
    try {
      // Retried through an outage (MarkSent) and written once: a retry whose first attempt landed meets it.
      await deps.markSent(() => deps.reports.transition({
        report, from: report.status, at: sentAt, bawasluNotifiedAt: sentAt, once: 'bawaslu-email',
        timeline: [{ at: sentAt, actor: 'SYSTEM', action: 'BAWASLU_NOTIFIED', status: report.status, note: joined(message(`E-mail ke ${to}`, `e-mail to Bawaslu${bkn ? ' and BKN' : ''}`)) }],
      }));
    } catch (error) {
      if (!(error instanceof TransitionConflict && error.reason === 'once')) throw error;
    }
    // The webhook carries the report as it is now, its chain head included.
    ({ report, timeline } = await loadReport(deps, input));
  }

  const { webhookUrl, webhookSecret } = contacts.bawaslu;
  if (!webhookUrl || !webhookSecret) return { sent: event === 'report.closed' };
  if (deliveredEvent(timeline, event)) return { sent: true };
  await deps.webhooks.post(webhookUrl, webhookSecret, webhookBody(event, report, timeline));
  const deliveredAt = at();
  // Retried through an outage (MarkSent), and written once per event.
  await deps.markSent(() => append(deps, input, [{
    at: deliveredAt, actor: 'SYSTEM', action: WEBHOOK_DELIVERED, event, status: report.status, note: joined(message(`Webhook ${event} terkirim`, `delivered to ${new URL(webhookUrl).host}`)),
  }], deliveredAt, `bawaslu-webhook-${event}`));
  return { sent: true };
}


/** A step failed after every retry (at least 30 minutes): the timeline says so before the execution fails into
 *  WorkflowStepFailed (alarmed); the reconciler then starts the report again from its current status. */
export async function recordStepFailure(deps: Deps, input: ReportRef & { error?: string; cause?: string }) {
  const { report } = await loadReport(deps, input);
  const at = deps.clock.now().toISOString();
  await note(deps, report, at, [{
    at, actor: 'SYSTEM', action: 'WORKFLOW_STEP_FAILED', status: report.status,
    note: `Langkah alur kerja gagal setelah semua percobaan (${input.error ?? 'Error'}); akan dilanjutkan otomatis / a workflow step failed after every retry; it is resumed automatically`,
  }]);
  return { recorded: true };
}

/** The message of a step error's Cause: Lambda gives JSON {errorType, errorMessage, trace}, the local runner
 *  the message itself. Only the message goes on the timeline, never the trace. */
function causeMessage(cause: string | undefined): string {
  let message = cause ?? '';
  try {
    const parsed = JSON.parse(message);
    if (typeof parsed?.errorMessage === 'string') message = parsed.errorMessage;
  } catch { /* the message itself */ }
  return message.slice(0, 300);
}

/** After every retry failed: the timeline says so before the execution fails into its alarmed state. */
export async function recordNoticeFailure(deps: Deps, input: ReportRef & { error?: string; cause?: string; event?: WebhookEvent | undefined }) {
  const at = deps.clock.now().toISOString();
  const what = input.event ? `webhook ${input.event}` : 'Bawaslu';
  const text = input.error === WEBHOOK_REFUSED
    ? `Webhook Bawaslu${input.event ? ` ${input.event}` : ''} ditolak tanpa dicoba ulang: ${causeMessage(input.cause)}; operator diberi tahu / the Bawaslu webhook was refused, not retried; operators are alerted`
    : `Pemberitahuan ${what} gagal setelah semua percobaan (${input.error ?? 'Error'}); operator diberi tahu / the ${what} notice failed after every retry; operators are alerted`;
  await append(deps, input, [{ at, actor: 'SYSTEM', action: 'BAWASLU_NOTICE_FAILED', ...(input.event ? { event: input.event } : {}), note: text }], at);
  return { recorded: true };
}
