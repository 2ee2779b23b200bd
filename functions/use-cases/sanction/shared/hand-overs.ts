// Who decides a waiting step when someone else holds its role now: the hand-over to today's holder, in one
// transaction, and the new link e-mailed (see approver-changes.ts for what triggers it).
import type { Dependencies } from '#ports';
import type { Approver, StepApprover } from '#domain/approvers';
import type { DecisionRecord } from '#domain/decision-record';
import { NotFoundError, TransitionConflict } from '#domain/errors';
import { decisionIdFor, decisionKey, newNonce } from '#domain/decision-links';
import type { StoredReport } from '#domain/report.schema';
import { STEPS } from '#domain/workflow';
import { addressOf } from '#domain/acting';
import { joined, message } from '#domain/messages';
import { localTime } from '#domain/case-facts';
import { approverFor, currentRecord, deadlineOf, factsOf, linkOf, mailOnce } from './step-support.ts';

type ChangeDeps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'claims' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'mails' | 'links' | 'markSent'>;

const same = (a: Approver, b: Approver) => a.role === b.role && a.email.toLowerCase() === b.email.toLowerCase();

/** How long a hand-over's e-mail is claimed by its sender: after it, a sender that died before sending is replaced
 *  (the reconciler's next run). Longer than a send and its mark take, outages included. */
export const HAND_OVER_MAIL_LEASE_MS = 5 * 60_000;

/** E-mails a handed-over record's link once. Several callers can get here for one record at once, all before the
 *  mark: the directory PUT that made the change, the reconciler's run, and the step's RequestDecision asked again
 *  (a retry, a fresh execution) while the record it finds pending is the handed one: the claim lets one send. */
export async function sendLink(deps: ChangeDeps, report: StoredReport, record: DecisionRecord): Promise<void> {
  if (record.requestMailedAt) return;
  const now = deps.clock.now();
  const at = now.toISOString();
  const claim = `request-mail:${record.key}`;
  if (!(await deps.claims.claim(report.regionId, report.id, claim, at, new Date(now.getTime() + HAND_OVER_MAIL_LEASE_MS).toISOString()))) return;
  // Read again under the claim: a sender whose lease ran out may have marked it meanwhile.
  if ((await deps.decisions.get(record.key))?.requestMailedAt) return;
  const facts = await factsOf(deps, report);
  const { approver } = record;
  await mailOnce(deps, report, record, 'requestMailedAt', async () => {
    try {
      // Reads as the step's request, but its mark is written once, by whoever changed the directory: its own kind.
      const request = deps.mails.decisionRequest({ facts, step: record.step, approver, url: await linkOf(deps, record), deadlineAt: deadlineOf(record), reminder: false });
      await deps.mailer.send({ ...request, kind: 'hand-over' });
    } catch (error) {
      // Nothing went out: whoever comes next (the reconciler's next run) sends it at once.
      await deps.claims.release(report.regionId, report.id, claim, at).catch(() => undefined);
      throw error;
    }
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
    ...(record.appealId ? { appealId: record.appealId } : {}),
    approver: holder.approver, status: 'PENDING', createdAt: at, remindAt: record.remindAt, expiresAt: record.expiresAt, handedFrom: record.key,
    origin: record.origin ?? record.key,
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
