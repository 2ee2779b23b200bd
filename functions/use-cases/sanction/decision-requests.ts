// RequestDecision and the wait that follows: one live link per step, e-mailed once, and the hand-over to a
// fresh execution before Step Functions' limits.
import type { Dependencies } from '#ports';
import type { DecisionRecord } from '#domain/decision-record';
import type { Appeal } from '#domain/appeals';
import type { StoredReport } from '#domain/report.schema';
import { DEFAULT_MAX_ESCALATIONS } from '#domain/directory.schema';
import { TransitionConflict } from '#domain/errors';
import { decisionIdFor, decisionKey, newNonce } from '#domain/decision-links';
import { durationSeconds } from '#domain/durations';
import { dueInstant, recommendationOf } from '#domain/recommendation';
import { secondsUntil, STEPS, type Step } from '#domain/workflow';
import { addressOf } from '#domain/acting';
import { regionTimeZone } from '#domain/time-zones';
import { joined, message } from '#domain/messages';
import { localTime } from '#domain/case-facts';
import { type Deps, type ReportRef, answerOf, approverFor, deadlineOf, factsOf, followHandOvers, linkOf, loadReport, mailOnce } from './shared/step-support.ts';
import { sendLink } from './shared/hand-overs.ts';

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
  /** Step APPEAL: the objection its execution was started for. */
  appealId?: string | undefined;
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
export async function requestDecision(deps: Omit<Deps, 'webhooks'> & Pick<Dependencies, 'claims'>, input: RequestInput & { [RETRIED]?: true }, limits: ExecutionLimits = EXECUTION_LIMITS): Promise<RequestAnswer> {
  const { step } = input;
  const { report, timeline } = await loadReport(deps, input);
  const status = STEPS[step].status;
  const objection = step === 'APPEAL' ? await objectionOf(deps, report, input.appealId) : null;
  if (objection?.decided) return objection.decided;
  const mayStartFrom = step === 'OPD_REVIEW' ? ['RECEIVED', status] : [status];
  if (!mayStartFrom.includes(report.status)) {
    // Decided already, on a link e-mailed before this wait began (a hand-over's, while this request was being
    // retried): the wait takes that decision at once and the execution goes on to where the report is, instead of
    // retrying a step that is over until it fails for good.
    const decided = report.pendingDecision ? await deps.decisions.get(report.pendingDecision) : null;
    if (decided?.step === step && decided.status === 'USED' && decided.decision) {
      const outlast = new Date(deps.clock.now().getTime() + 300_000).toISOString(); // the wait only has to outlast its call
      return { continue: false, decisionKey: decided.key, remindAt: outlast, remindSeconds: 300, deadlineAt: outlast };
    }
    throw new Error(`report ${report.id} is ${report.status}, not ready for ${step}`);
  }
  const timing = (await deps.directory.getSettings(report.regionId))[STEPS[step].settings];
  const deadlineSeconds = durationSeconds(timing.deadline)!;
  const now = deps.clock.now();

  // An objection's execution lasts its 21 working days and the silent wait after them (OVERDUE_LINK_DAYS): far
  // inside Step Functions' limits, so it never goes on in a fresh one.
  if (input.executionName && input.executionStartedAt && step !== 'APPEAL') {
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
  if (pending && pending.step === step && pending.status === 'PENDING' && report.status === status && pending.appealId === objection?.appeal.id) {
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
    let last = step !== 'OPD_REVIEW' && escalations >= maxEscalations;
    if (objection) {
      // The PPK decides by decideBy (21 working days, the region's calendar); past it the employee may go to PTUN
      // and the link stays live, like a wait after its last escalation (no escalation: the deadline is the law's).
      deadline = new Date(objection.appeal.decideBy!);
      if (remind >= deadline) remind = new Date(now.getTime() + Math.max(0, deadline.getTime() - now.getTime()) / 2);
      last = true;
    }
    const remindAt = remind.toISOString();
    const deadlineAt = deadline.toISOString();
    const expiresAt = last ? new Date((objection ? deadline.getTime() : now.getTime() + deadlineSeconds * 1000) + OVERDUE_LINK_DAYS * 86400 * 1000).toISOString() : deadlineAt;
    const nonce = newNonce();
    const secret = await deps.links.secret();
    record = {
      key: decisionKey(decisionIdFor(secret, nonce)), nonce, regionId: report.regionId, reportId: report.id, step, ...(objection ? { appealId: objection.appeal.id } : {}), approver,
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

  // A handed-over link has one sender at a time, whoever gets there first (the fourth soak hour: this step's retry
  // and the reconciler both sent one handed link, 200 ms apart): the hand-over's claim.
  if (record.handedFrom) {
    await sendLink(deps, { ...report, status }, record);
    return answerFor(deps, record, silentUntil);
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
  return answerFor(deps, record, silentUntil);
}

/** The wait's timing for the step's live record (silently past its deadline when `silentUntil` is given). */
function answerFor(deps: Pick<Deps, 'clock'>, record: DecisionRecord, silentUntil: string | undefined): RequestAnswer {
  const remindAt = silentUntil ?? record.remindAt;
  return {
    continue: false, decisionKey: record.key, remindAt, remindSeconds: secondsUntil(new Date(remindAt), deps.clock.now()), deadlineAt: silentUntil ?? deadlineOf(record),
  };
}

/** The objection an APPEAL request is for, or, once the PPK decided it, the answer that resumes the wait at once
 *  with that decision (a request repeated after the decision: the silent wait past decideBy). */
async function objectionOf(deps: Pick<Deps, 'decisions' | 'clock'>, report: StoredReport, appealId: string | undefined): Promise<{ appeal: Appeal; decided?: RequestAnswer }> {
  const appeal = report.appeals?.find((a) => a.id === appealId && a.kind === 'KEBERATAN');
  if (!appeal) throw new Error(`report ${report.id} has no objection ${appealId ?? '(none given)'}`);
  if (appeal.status === 'OPEN') return { appeal };
  const pending = report.pendingDecision ? await deps.decisions.get(report.pendingDecision) : null;
  if (pending?.step === 'APPEAL' && pending.appealId === appeal.id && pending.status === 'USED') {
    const soon = new Date(deps.clock.now().getTime() + 300_000).toISOString();
    return { appeal, decided: { continue: false, decisionKey: pending.key, remindAt: soon, remindSeconds: 300, deadlineAt: soon } };
  }
  throw new Error(`objection ${appeal.id} of report ${report.id} is ${appeal.status}, not waiting for the PPK`);
}

/** A wait's function: keeps the task token on the decision record. If the decision was already taken
 *  (clicked between two waits, or while the runner was down), it resumes the task itself at once. */
export async function awaitDecision(deps: Pick<Deps, 'decisions' | 'workflow'>, input: { taskToken: string; decisionKey: string; continue?: boolean | undefined }): Promise<{ waiting: boolean }> {
  // RequestDecision answered `continue`: the wait ends at once, caught into ContinueInNewExecution (no Choice
  // state between the two, one state transition less per round).
  if (input.continue) {
    await deps.workflow.sendTaskFailure(input.taskToken, 'ContinueInNewExecution', 'this execution goes on in a fresh one');
    return { waiting: false };
  }
  // Handed to another approver: the token goes along to the record that is live now (and to the round's first).
  const attach = (key: string) => deps.decisions.attachToken(key, input.taskToken);
  const record = await followHandOvers(await attach(input.decisionKey), attach);
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
