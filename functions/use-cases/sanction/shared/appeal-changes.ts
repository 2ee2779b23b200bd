// How a change of a sanction and its appeals is written: read, compute, write in one transition (the sanction, its
// history, the appeals, the counters, the timeline), and compute again from the new state when another request won
// the race (bounded). Composed by the region's appeal use cases (appeals.ts) and by the workflow's own changes: the
// PPK's decision on an objection (its link), an appeal's passed deadline, an objection execution's next run.
import type { Dependencies } from '#ports';
import type { AppealEvent, ReportTransition } from '#domain/transition';
import type { DecisionRecord } from '#domain/decision-record';
import { deadlineLine, outcomeLine, parseObjectionForm, sanctionAfter, type Appeal, type SanctionRecord } from '#domain/appeals';
import { SANCTIONS } from '#domain/codes';
import { ConflictError, InputError, TransitionConflict } from '#domain/errors';
import { reportNotFound } from '#domain/not-found';
import { fieldError, joined, message } from '#domain/messages';
import type { ObjectionDecision, StoredReport, TimelineEntry } from '#domain/report.schema';
import { regionTimeZone } from '#domain/time-zones';
import { regionWords, statusLabel, type RegionWords } from '#domain/case-facts';

export type Deps = Pick<Dependencies, 'clock' | 'reports' | 'regions' | 'directory'>;

/** A change read from a state another request changed meanwhile is computed again from the new one, this many times. */
const MAX_ATTEMPTS = 4;

export interface CaseState {
  report: StoredReport;
  zone: string;
  holidays: string[];
  /** The region's words (its agency), for a status named in an answer. */
  words: RegionWords;
}

async function caseOf(deps: Deps, regionId: string, id: string): Promise<CaseState> {
  const [found, region, settings] = await Promise.all([deps.reports.get(regionId, id), deps.regions.get(regionId), deps.directory.getSettings(regionId)]);
  if (!found) throw reportNotFound(id);
  return { report: found.report, zone: regionTimeZone(region ?? { id: regionId }), holidays: settings.holidays ?? [], words: regionWords(region, regionId) };
}

/** When the PPK imposed the sanction (the decision the delivery and the appeal window count from). */
function decidedAt(report: StoredReport): string | undefined {
  return report.decisions.findLast((decision) => decision.step === 'PPK_DECISION' && decision.outcome === 'IMPOSE')?.at;
}

/** The sanction in force, or 409: only a sanctioned report has a decree to deliver or appeal. The 409 names the
 *  report's status in the words its pages use (a person reads it), not its code. */
export function sanctionOf({ report, words }: Pick<CaseState, 'report' | 'words'>): { sanction: SanctionRecord; decidedAt: string } {
  const at = decidedAt(report);
  if (report.status !== 'SANCTIONED' || !report.sanction || !at) {
    const status = statusLabel(report.status, words);
    throw new ConflictError(joined(message(`Status laporan: ${status.id}; tidak ada sanksi yang berlaku`, `The report's status: ${status.en}; no sanction is in force`)));
  }
  return { sanction: report.sanction, decidedAt: at };
}

/** A date a person gives for something that happened: not after now. */
export function notInFuture(path: string, at: string, now: Date) {
  if (new Date(at).getTime() > now.getTime()) throw new InputError([fieldError(path, message('belum terjadi', 'is in the future'))]);
}

/** Writes one change of the sanction and its appeals over the state it was computed from; when another request
 *  changed that state first, computes it again from the new one (bounded), so neither is lost. */
export async function applyChange<T>(
  deps: Deps, regionId: string, id: string,
  change: (state: CaseState, now: Date) => { transition: Omit<ReportTransition, 'report' | 'at'>; answer: T },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const state = await caseOf(deps, regionId, id);
    const now = deps.clock.now();
    const { transition, answer } = change(state, now);
    try {
      await deps.reports.transition({ report: state.report, at: now.toISOString(), ...transition });
      return answer;
    } catch (error) {
      if (!(error instanceof TransitionConflict) || error.reason !== 'report' || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export const appealState = (report: StoredReport) => ({
  version: report.appealsVersion ?? 0,
  sanction: report.sanction ?? null,
  sanctionHistory: report.sanctionHistory ?? [],
  appeals: report.appeals ?? [],
});

export function withoutEffect({ effectiveAt: _, ...sanction }: SanctionRecord): SanctionRecord {
  return sanction;
}

export const entry = (at: string, action: string, status: StoredReport['status'], id: string, en: string): TimelineEntry =>
  ({ at, actor: 'REGION', action, status, note: joined(message(id, en)) });

/** What an appeal's outcome does to the report: the sanction, its history, the status, and the event its counters follow from. */
export function outcomeChange(report: StoredReport, appeal: Appeal, decision: NonNullable<Appeal['decision']>) {
  const current = report.sanction!;
  const next = sanctionAfter(decision.outcome, current.sanction, decision.sanction);
  const at = decision.decidedAt;
  const changed = next !== current.sanction;
  const replacement: SanctionRecord | null = next === null
    ? null
    : changed
      ? { level: SANCTIONS[next].level, sanction: next, decreeNumber: decision.decisionNumber ?? current.decreeNumber, since: at, effectiveAt: at, byAppeal: appeal.id }
      // Confirmed: the decree stands as delivered, in effect from the appeal's decision.
      : { ...current, effectiveAt: at, byAppeal: appeal.id };
  // Its counters (domain/counters.ts): late when its deadline had passed; the level it leaves and takes (null: annulled).
  const event: AppealEvent = {
    kind: 'decided', outcome: decision.outcome, late: Boolean(appeal.deadlinePassedAt),
    level: { from: current.level, to: replacement === null ? null : replacement.level },
  };
  const appeals = (report.appeals ?? []).map((a) => (a.id === appeal.id ? { ...a, status: 'DECIDED' as const, decision } : a));
  return {
    to: next === null ? ('DISMISSED' as const) : ('SANCTIONED' as const),
    event,
    appeal: {
      ...appealState(report),
      sanction: replacement,
      sanctionHistory: changed ? [...(report.sanctionHistory ?? []), { ...current, until: at }] : report.sanctionHistory ?? [],
      appeals,
    },
  };
}

/** Records that an open appeal's `decideBy` passed: `deadlinePassedAt`, the APPEAL_DEADLINE_PASSED entry and the
 *  `appeals_overdue` counter, once (false when it was recorded already, or the appeal is decided or not yet due). */
export async function passAppealDeadline(deps: Deps, regionId: string, id: string, appealId: string): Promise<boolean> {
  return applyChange(deps, regionId, id, ({ report, zone }, now) => {
    const appeal = report.appeals?.find((a) => a.id === appealId);
    if (!appeal || appeal.status !== 'OPEN' || appeal.deadlinePassedAt || !appeal.decideBy || now.toISOString() <= appeal.decideBy) {
      throw new AlreadyPassed();
    }
    const at = now.toISOString();
    const line = deadlineLine(appeal, zone);
    return {
      answer: true,
      transition: {
        from: report.status,
        appeal: { ...appealState(report), appeals: report.appeals!.map((a) => (a.id === appealId ? { ...a, deadlinePassedAt: at } : a)) },
        appealEvent: { kind: 'deadlinePassed' },
        timeline: [{ ...entry(at, 'APPEAL_DEADLINE_PASSED', report.status, line.id, line.en), actor: 'SYSTEM' }],
      },
    };
  }).catch((error: unknown) => {
    if (error instanceof AlreadyPassed) return false;
    throw error;
  });
}

/** Thrown out of applyChange when there is nothing to record. */
class AlreadyPassed extends Error {}

/** The PPK's decision on an objection, from the APPEAL step's link: checked against the sanction in force and
 *  written in one transition with the link's use, the sanction (history kept), the counters and APPEAL_DECIDED.
 *  Throws InputError for the form, ObjectionClosed when the objection is no longer open, TransitionConflict
 *  ('decision') when the link was used, expired or handed over meanwhile. */
export async function decideObjection(deps: Deps, record: DecisionRecord, form: Record<string, string | undefined>): Promise<{ decision: ObjectionDecision; report: StoredReport }> {
  return applyChange(deps, record.regionId, record.reportId, ({ report, zone }, now) => {
    const appeal = report.appeals?.find((a) => a.id === record.appealId);
    if (!appeal || appeal.status !== 'OPEN' || report.status !== 'SANCTIONED' || !report.sanction) throw new ObjectionClosed();
    const input = parseObjectionForm(form, report.sanction.sanction);
    const at = now.toISOString();
    const by = { name: record.approver.name, role: record.approver.role };
    const decision: ObjectionDecision = { step: 'APPEAL', ...input, by, at };
    const appealDecision = {
      outcome: input.outcome, ...(input.sanction ? { sanction: input.sanction } : {}), ...(input.decreeNumber ? { decisionNumber: input.decreeNumber } : {}),
      ...(input.notes ? { notes: input.notes } : {}), decidedAt: at, by,
    };
    const change = outcomeChange(report, appeal, appealDecision);
    const line = outcomeLine(appeal, appealDecision, zone);
    return {
      answer: { decision, report: { ...report, status: change.to, sanction: change.appeal.sanction ?? undefined, sanctionHistory: change.appeal.sanctionHistory, appeals: change.appeal.appeals } },
      transition: {
        from: 'SANCTIONED', to: change.to, appeal: change.appeal, appealEvent: change.event, record: { key: record.key, to: 'USED' as const, decision },
        timeline: [{ ...entry(at, 'APPEAL_DECIDED', change.to, line.id, line.en), actor: record.approver.role, by: record.approver.name }],
      },
    };
  });
}

/** The objection a link decides is no longer open (decided, or the report moved on). */
export class ObjectionClosed extends Error {
  constructor() {
    super('the objection is no longer open');
  }
}

/** Records the next run of an objection's execution (a repair), with WORKFLOW_REPAIRED, before it starts; false
 *  when the objection moved meanwhile (decided, or already moved on to that run). */
export async function nextObjectionRun(deps: Deps, regionId: string, id: string, appealId: string, run: number, why: string): Promise<boolean> {
  return applyChange(deps, regionId, id, ({ report }, now) => {
    const appeal = report.appeals?.find((a) => a.id === appealId);
    if (!appeal || appeal.status !== 'OPEN' || (appeal.workflowRun ?? 0) !== run) throw new AlreadyPassed();
    const at = now.toISOString();
    return {
      answer: true,
      transition: {
        from: report.status,
        appeal: { ...appealState(report), appeals: report.appeals!.map((a) => (a.id === appealId ? { ...a, workflowRun: run + 1 } : a)) },
        timeline: [{ at, actor: 'SYSTEM', action: 'WORKFLOW_REPAIRED', status: report.status, note: `Alur kerja keberatan dijalankan ulang (${why}) / the objection's workflow was started again` }],
      },
    };
  }).catch((error: unknown) => {
    if (error instanceof AlreadyPassed) return false;
    throw error;
  });
}
