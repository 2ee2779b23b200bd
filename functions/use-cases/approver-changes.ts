// Who decides a waiting step, and approver changes: when someone else holds the role of a waiting step (a
// directory PUT, an acting period starting or ending), the old link stops, the new holder gets one, and the
// timeline says APPROVER_CHANGED. The workflow keeps the key of the step's first record; every step that reads
// it follows the hand-overs to the record that is live now.
import type { Approver, Dependencies, DecisionMail, DecisionRecord } from '#ports';
import { addressOf } from '#domain/acting';
import { approverOf, type StepApprover } from '#domain/approvers';
import type { ReportStatus } from '#domain/codes';
import { decisionIdFor, decisionKey, decisionUrl, newNonce } from '#domain/decision-links';
import { NotFoundError, TransitionConflict } from '#domain/errors';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';
import { localDate, regionTimeZone } from '#domain/time-zones';
import { STEPS, type Step } from '#domain/workflow';
import { decisionRequestEmail, wib } from '#views/emails';
import { factsOf } from './case-facts.ts';

type Deps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'links'>;

/** A record is handed over at most this many times in a row before a step reads it (one per holder change). */
const MAX_HAND_OVERS = 20;
/** Waiting reports one run looks at per status, at most (100 per page). */
const MAX_PAGES = 50;

const WAITING: Array<[ReportStatus, Step]> = [
  ['AWAITING_OPD_REVIEW', 'OPD_REVIEW'],
  ['AWAITING_BKPP_ASSESSMENT', 'BKPP_ASSESSMENT'],
  ['AWAITING_PPK_DECISION', 'PPK_DECISION'],
];

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
 *  timeline entry that says it went out. A process that dies between the two sends it again on its retry. */
export async function mailOnce(
  deps: Pick<Dependencies, 'clock' | 'reports'>, report: StoredReport, record: DecisionRecord, mark: DecisionMail,
  send: () => Promise<unknown>, entry: Omit<TimelineEntry, 'at'>,
) {
  if (record[mark]) return false;
  await send();
  const at = deps.clock.now().toISOString();
  try {
    await deps.reports.transition({ report, from: report.status, at, record: { key: record.key, mark }, timeline: [{ ...entry, at }] });
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

/** The role a link was handed to, as the old link's page names it: the role, never the person. */
export const ROLE_LABELS: Record<Approver['role'], { id: string; en: string }> = {
  OPD_HEAD: { id: 'Kepala OPD', en: 'the OPD head' },
  BKPP: { id: 'pejabat BKPP', en: 'the civil-service agency' },
  PPK: { id: 'Pejabat Pembina Kepegawaian (PPK)', en: 'the PPK' },
  SEKDA: { id: 'Sekretaris Daerah', en: 'the regional secretary (Sekda)' },
};

const same = (a: Approver, b: Approver) => a.role === b.role && a.email.toLowerCase() === b.email.toLowerCase();

async function sendLink(deps: Deps, report: StoredReport, record: DecisionRecord): Promise<void> {
  const facts = await factsOf(deps, report);
  const { approver } = record;
  await mailOnce(deps, report, record, 'requestMailedAt', async () => {
    await deps.mailer.send(decisionRequestEmail({ facts, step: record.step, approver, url: await linkOf(deps, record), deadlineAt: deadlineOf(record), reminder: false }));
  }, {
    actor: 'SYSTEM', action: 'DECISION_REQUESTED', status: report.status,
    note: `Tautan keputusan dikirim ke ${addressOf(approver)} (${approver.role}), tenggat ${wib(deadlineOf(record))} / decision link sent to ${approver.name}, deadline ${wib(deadlineOf(record))}`,
  });
}

/** Hands a pending record to the step's holder of today when that is someone else, in one transaction with the
 *  timeline entry, then e-mails the new link. Answers the record that is live afterwards and whether it changed.
 *  A hand-over whose e-mail was lost (the process died after the transaction) is e-mailed again here. */
export async function handOverIfChanged(deps: Deps, report: StoredReport, record: DecisionRecord): Promise<{ record: DecisionRecord; changed: boolean }> {
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

/** Applies approver changes to the waiting reports of a region: the reconciler calls it for acting periods that
 *  start or end, and a directory PUT calls it at once. One report's failure does not stop the others; what failed
 *  is tried again by the next run. */
export async function applyApproverChanges(
  deps: Deps,
  regionId: string,
  only: { steps?: readonly Step[]; opdId?: string; stopAt?: number } = {},
): Promise<{ checked: number; changed: number; failed: number; complete: boolean }> {
  const result = { checked: 0, changed: 0, failed: 0, complete: true };
  const outOfTime = () => only.stopAt !== undefined && Date.now() >= only.stopAt;
  for (const [status, step] of WAITING) {
    if (only.steps && !only.steps.includes(step)) continue;
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, nextCursor } = await deps.reports.list(regionId, { status, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const summary of items) {
        if (outOfTime()) return { ...result, complete: false };
        if (only.opdId && summary.employee.opdId !== only.opdId) continue;
        try {
          const found = await deps.reports.get(regionId, summary.id);
          if (!found?.report.pendingDecision || found.report.status !== status) continue;
          const record = await currentRecord(deps, found.report.pendingDecision);
          if (!record || record.step !== step || record.status !== 'PENDING' || deps.clock.now() >= new Date(record.expiresAt)) continue;
          result.checked++;
          if ((await handOverIfChanged(deps, found.report, record)).changed) result.changed++;
        } catch (error) {
          result.failed++;
          deps.log.warn('approver change not applied; the next run tries again', { reportId: summary.id, error: error as Error });
        }
      }
      if (!nextCursor) break;
      cursor = nextCursor;
    }
  }
  return result;
}
