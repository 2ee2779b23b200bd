// What every step of the sanction workflow reads and shares: the report and its facts, who decides a step
// today, its link, the e-mail sent once per link, and timeline notes.
import type { Dependencies } from '#ports';
import type { DecisionMail, DecisionRecord } from '#domain/decision-record';
import { NotFoundError, TransitionConflict } from '#domain/errors';
import { decisionIdFor, decisionUrl } from '#domain/decision-links';
import type { StoredReport, TimelineEntry } from '#domain/report.schema';
import type { Step, WaitOutcome } from '#domain/workflow';
import { approverOf, type StepApprover } from '#domain/approvers';
import { localDate, regionTimeZone } from '#domain/time-zones';
import { caseFacts, regionWords, type CaseFacts, type RegionWords } from '#domain/case-facts';

export type Deps = Pick<Dependencies, 'clock' | 'log' | 'reports' | 'directory' | 'regions' | 'decisions' | 'mailer' | 'mails' | 'links' | 'workflow' | 'webhooks' | 'markSent'>;
export interface ReportRef {
  regionId: string;
  reportId: string;
}

/** What a wait hands back to the state machine when it resumes. */
export interface WaitAnswer {
  outcome: WaitOutcome;
  step?: Step;
}

export async function loadReport(deps: Pick<Dependencies, 'reports'>, ref: ReportRef) {
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

/** A record is handed over at most this many times in a row before a step reads it (one per holder change). */
export const MAX_HAND_OVERS = 20;
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
  return followHandOvers(await deps.decisions.get(key), (next) => deps.decisions.get(next));
}

/** From `record` to the record live now, reading each with `load`: straight to the round's first record, whose
 *  `handedTo` names the newest, then hop by hop for a hand-over landing meanwhile (bounded). Records from before
 *  `origin` existed are walked hop by hop. */
export async function followHandOvers(record: DecisionRecord | null, load: (key: string) => Promise<DecisionRecord | null>): Promise<DecisionRecord | null> {
  if (record?.status === 'HANDED_OVER' && record.origin) record = (await load(record.origin)) ?? record;
  for (let hops = 0; record?.status === 'HANDED_OVER' && record.handedTo && hops < MAX_HAND_OVERS; hops++) {
    record = await load(record.handedTo);
  }
  return record;
}

/** Writes timeline entries alone (no status change) while the report still has `status`; false when it moved on.
 *  With `once`, entries already written under that name count as written. */
export async function note(deps: Pick<Dependencies, 'reports'>, report: StoredReport, at: string, entries: TimelineEntry[], once?: string): Promise<boolean> {
  try {
    await deps.reports.transition({ report, from: report.status, at, timeline: entries, ...(once ? { once } : {}) });
    return true;
  } catch (error) {
    if (error instanceof TransitionConflict) return error.reason === 'once';
    throw error;
  }
}

/** Appends entries whatever the report's status is now (a notice's record): retried on the status it finds. */
export async function append(deps: Pick<Dependencies, 'reports'>, ref: ReportRef, entries: TimelineEntry[], at: string, once?: string): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const { report } = await loadReport(deps, ref);
    if (await note(deps, report, at, entries, once)) return;
  }
  throw new Error(`report ${ref.reportId} kept moving; its timeline entry is retried with the step`);
}

export function answerOf(record: DecisionRecord): WaitAnswer {
  return { outcome: record.decision!.outcome, step: record.step };
}
