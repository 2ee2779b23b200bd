// After the sanction: the decree's delivery, objections and appeals filed by the region for the employee, and the
// outcome BPASN decided, each moving the report's sanction, timeline and counters in one transition.
import { COUNTERS } from '#domain/counters';
import type { Dependencies } from '#ports';
import type { ReportTransition } from '#domain/transition';
import type { DecisionRecord } from '#domain/decision-record';
import {
  APPEAL_COUNTERS, APPEAL_KIND_LABELS, APPEAL_OUTCOME_LABELS, APPEAL_WINDOW_WORKING_DAYS, BANDING_DECIDE_WORKING_DAYS, EFFECTIVE_AFTER_DAYS,
  KEBERATAN_DECIDE_WORKING_DAYS, openAppeal, outcomeErrors, parseObjectionForm, routeError, sanctionAfter,
  type Appeal, type AppealDecisionBody, type AppealOutcome, type DecreeDeliveryBody, type FileAppealBody, type SanctionRecord,
} from '#domain/appeals';
import { SANCTIONS } from '#domain/codes';
import { ConflictError, InputError, NotFoundError, RuleError, TransitionConflict } from '#domain/errors';
import { ulid } from '#domain/ids';
import { fieldError, joined, message } from '#domain/messages';
import type { ObjectionDecision, StoredReport, TimelineEntry } from '#domain/report.schema';
import { formatLocal, instantOf, localDate, regionTimeZone } from '#domain/time-zones';
import { plusDays, weekendsOnlyNote, workingDeadline } from '#domain/working-days';

type Deps = Pick<Dependencies, 'clock' | 'reports' | 'regions' | 'directory'>;

/** A change read from a state another request changed meanwhile is computed again from the new one, this many times. */
const MAX_ATTEMPTS = 4;

interface CaseState {
  report: StoredReport;
  zone: string;
  holidays: string[];
}

async function caseOf(deps: Deps, regionId: string, id: string): Promise<CaseState> {
  const [found, region, settings] = await Promise.all([deps.reports.get(regionId, id), deps.regions.get(regionId), deps.directory.getSettings(regionId)]);
  if (!found) throw new NotFoundError('Report not found');
  return { report: found.report, zone: regionTimeZone(region ?? { id: regionId }), holidays: settings.holidays ?? [] };
}

/** When the PPK imposed the sanction (the decision the delivery and the appeal window count from). */
function decidedAt(report: StoredReport): string | undefined {
  return report.decisions.findLast((decision) => decision.step === 'PPK_DECISION' && decision.outcome === 'IMPOSE')?.at;
}

/** The sanction in force, or 409: only a sanctioned report has a decree to deliver or appeal. */
function sanctionOf(report: StoredReport): { sanction: SanctionRecord; decidedAt: string } {
  const at = decidedAt(report);
  if (report.status !== 'SANCTIONED' || !report.sanction || !at) {
    throw new ConflictError(joined(message(`Laporan berstatus ${report.status}: tidak ada sanksi yang berlaku`, `The report is ${report.status}: no sanction is in force`)));
  }
  return { sanction: report.sanction, decidedAt: at };
}

/** A date a person gives for something that happened: not after now. */
function notInFuture(path: string, at: string, now: Date) {
  if (new Date(at).getTime() > now.getTime()) throw new InputError([fieldError(path, message('belum terjadi', 'is in the future'))]);
}

/** Writes one change of the sanction and its appeals over the state it was computed from; when another request
 *  changed that state first, computes it again from the new one (bounded), so neither is lost. */
async function applyChange<T>(
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

const appealState = (report: StoredReport) => ({
  version: report.appealsVersion ?? 0,
  sanction: report.sanction ?? null,
  sanctionHistory: report.sanctionHistory ?? [],
  appeals: report.appeals ?? [],
});

function withoutEffect({ effectiveAt: _, ...sanction }: SanctionRecord): SanctionRecord {
  return sanction;
}

const entry = (at: string, action: string, status: StoredReport['status'], id: string, en: string): TimelineEntry =>
  ({ at, actor: 'REGION', action, status, note: joined(message(id, en)) });

/** Records when the employee received the decree: `appealBy` (14 working days) and `effectiveAt` (the 15th day). */
export async function recordDecreeDelivery(deps: Deps, regionId: string, id: string, body: DecreeDeliveryBody): Promise<SanctionRecord> {
  return applyChange(deps, regionId, id, ({ report, zone, holidays }, now) => {
    const { sanction, decidedAt: decided } = sanctionOf(report);
    if (sanction.deliveredAt !== undefined) {
      throw new ConflictError(joined(message(`Penyerahan SK sudah dicatat (${formatLocal(sanction.deliveredAt, zone)})`, 'The decree\'s delivery is already recorded')));
    }
    notInFuture('deliveredAt', body.deliveredAt, now);
    if (new Date(body.deliveredAt).getTime() < new Date(decided).getTime()) {
      throw new InputError([fieldError('deliveredAt', message(`sebelum keputusan PPK (${formatLocal(decided, zone)})`, 'before the PPK\'s decision'))]);
    }
    const deliveredAt = new Date(body.deliveredAt).toISOString();
    const window = workingDeadline(deliveredAt, APPEAL_WINDOW_WORKING_DAYS, zone, holidays);
    const effectiveAt = instantOf(plusDays(localDate(new Date(deliveredAt), zone), EFFECTIVE_AFTER_DAYS), '00:00', zone).toISOString();
    const note = weekendsOnlyNote(window.weekendsOnly);
    // An appeal filed in time before delivery was recorded decides when the sanction takes effect, not the 15th day.
    const appealed = openAppeal(report.appeals) !== undefined;
    const next: SanctionRecord = { ...sanction, deliveredAt, appealBy: window.at, ...(appealed ? {} : { effectiveAt }), ...(note ? { calendarNote: note } : {}) };
    const at = now.toISOString();
    return {
      answer: next,
      transition: {
        from: 'SANCTIONED', appeal: { ...appealState(report), sanction: next },
        timeline: [entry(at, 'DECREE_DELIVERED', 'SANCTIONED',
          `SK ${sanction.decreeNumber} diterima pegawai ${formatLocal(deliveredAt, zone)}; keberatan/banding paling lambat ${formatLocal(window.at, zone)} (14 hari kerja); berlaku ${formatLocal(effectiveAt, zone)} kecuali diajukan upaya administratif${note ? `. ${note}` : ''}`,
          `decree ${sanction.decreeNumber} received ${formatLocal(deliveredAt, zone)}; appeal by ${formatLocal(window.at, zone)}; effective ${formatLocal(effectiveAt, zone)} unless appealed`)],
      },
    };
  });
}

/** Files an objection or appeal for the employee: the route must fit the sanction (422), one open at a time (409);
 *  filed after the window it is recorded NOT_ADMISSIBLE and nothing else changes. */
export async function fileAppeal(
  deps: Deps & Pick<Dependencies, 'workflow' | 'log'>, regionId: string, id: string, body: FileAppealBody,
): Promise<{ appealId: string; status: Appeal['status']; decideBy?: string }> {
  const appealId = ulid(deps.clock.now().getTime());
  const answer = await recordFiling(deps, regionId, id, appealId, body);
  if (answer.status === 'OPEN' && body.kind === 'KEBERATAN') {
    // The objection goes to the PPK in an execution of its own (step APPEAL, ADR 0303). Filed is filed: when the
    // start fails now, the reconciler starts it (it finds the open objection without a running execution).
    try {
      await deps.workflow.start({ regionId, reportId: id, appealId });
    } catch (error) {
      deps.log.warn('objection filed; its workflow is started by the reconciler', { reportId: id, error: error as Error });
    }
  }
  return answer;
}

function recordFiling(deps: Deps, regionId: string, id: string, appealId: string, body: FileAppealBody) {
  return applyChange(deps, regionId, id, ({ report, zone, holidays }, now) => {
    const { sanction, decidedAt: decided } = sanctionOf(report);
    const refused = routeError(body.kind, sanction.sanction);
    if (refused) throw new RuleError([refused]);
    if (openAppeal(report.appeals)) throw new ConflictError(joined(message('Masih ada keberatan/banding yang belum diputus untuk laporan ini', 'An appeal of this report is still open')));
    notInFuture('filedAt', body.filedAt, now);
    if (new Date(body.filedAt).getTime() < new Date(decided).getTime()) {
      throw new InputError([fieldError('filedAt', message('sebelum keputusan PPK', 'before the PPK\'s decision'))]);
    }
    const filedAt = new Date(body.filedAt).toISOString();
    // Before delivery is recorded the window counts from the decision's date.
    const window = sanction.appealBy
      ? { at: sanction.appealBy, weekendsOnly: [] as number[] }
      : workingDeadline(decided, APPEAL_WINDOW_WORKING_DAYS, zone, holidays);
    const admissible = filedAt <= window.at;
    const decide = admissible
      ? workingDeadline(filedAt, body.kind === 'KEBERATAN' ? KEBERATAN_DECIDE_WORKING_DAYS : BANDING_DECIDE_WORKING_DAYS, zone, holidays)
      : null;
    const note = weekendsOnlyNote([...new Set([...window.weekendsOnly, ...(decide?.weekendsOnly ?? [])])].sort());
    const at = now.toISOString();
    const appeal: Appeal = {
      id: appealId, kind: body.kind, status: admissible ? 'OPEN' : 'NOT_ADMISSIBLE', filedAt, grounds: body.grounds, documentUrls: body.documentUrls,
      appealBy: window.at, ...(decide ? { decideBy: decide.at } : {}), ...(note ? { calendarNote: note } : {}), recordedAt: at,
    };
    const label = APPEAL_KIND_LABELS[body.kind];
    const text = admissible
      ? message(`${label.id} diajukan ${formatLocal(filedAt, zone)}; diputus paling lambat ${formatLocal(decide!.at, zone)}`, `${label.en} filed ${formatLocal(filedAt, zone)}; to be decided by ${formatLocal(decide!.at, zone)}`)
      : message(`${label.id} diajukan ${formatLocal(filedAt, zone)}, lewat batas ${formatLocal(window.at, zone)}: tidak dapat diterima (PP 79/2021)`, `${label.en} filed ${formatLocal(filedAt, zone)}, after ${formatLocal(window.at, zone)}: not admissible`);
    return {
      answer: { appealId, status: appeal.status, ...(appeal.decideBy ? { decideBy: appeal.decideBy } : {}) },
      transition: {
        from: 'SANCTIONED',
        // Filed in time, the appeal's outcome decides when (and whether) the sanction takes effect (PP 94/2021 Art. 38).
        appeal: { ...appealState(report), sanction: admissible ? withoutEffect(sanction) : sanction, appeals: [...(report.appeals ?? []), appeal] },
        counters: admissible ? [APPEAL_COUNTERS.filed, APPEAL_COUNTERS.open] : [APPEAL_COUNTERS.filed, APPEAL_COUNTERS.notAdmissible],
        timeline: [entry(at, 'APPEAL_FILED', 'SANCTIONED', `${text.id}${note ? `. ${note}` : ''}`, text.en)],
      },
    };
  });
}

/** What an appeal's outcome does to the report: the sanction, its history, the counters and the status. */
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
  const counters: Record<string, number> = {
    [APPEAL_COUNTERS.open]: -1, [APPEAL_COUNTERS.decided]: 1, [APPEAL_COUNTERS.outcome(decision.outcome)]: 1,
    // Decided late: it counts as overdue no more (the timeline keeps that its deadline passed).
    ...(appeal.deadlinePassedAt ? { [APPEAL_COUNTERS.overdue]: -1 } : {}),
  };
  if (next === null || (changed && SANCTIONS[next].level !== current.level)) {
    counters[COUNTERS.level(current.level)] = -1;
    if (next !== null) counters[COUNTERS.level(SANCTIONS[next].level)] = 1;
  }
  if (next === null) Object.assign(counters, { [COUNTERS.outcome('SANCTIONED')]: -1, [COUNTERS.outcome('DISMISSED')]: 1 });
  const appeals = (report.appeals ?? []).map((a) => (a.id === appeal.id ? { ...a, status: 'DECIDED' as const, decision } : a));
  return {
    to: next === null ? ('DISMISSED' as const) : ('SANCTIONED' as const),
    counters,
    appeal: {
      ...appealState(report),
      sanction: replacement,
      sanctionHistory: changed ? [...(report.sanctionHistory ?? []), { ...current, until: at }] : report.sanctionHistory ?? [],
      appeals,
    },
  };
}

/** The timeline's line for an outcome, in the region's zone. */
export function outcomeLine(appeal: Appeal, decision: NonNullable<Appeal['decision']>, zone: string) {
  const label = APPEAL_OUTCOME_LABELS[decision.outcome];
  const kind = APPEAL_KIND_LABELS[appeal.kind];
  const sanction = decision.sanction ? ` → ${decision.sanction} (${SANCTIONS[decision.sanction].id})` : '';
  const number = decision.decisionNumber ? `, nomor ${decision.decisionNumber}` : '';
  return message(`${kind.id} diputus ${formatLocal(decision.decidedAt, zone)}: ${label.id}${sanction}${number}`, `${kind.en} decided: ${label.en}${sanction}`);
}

type DecisionAnswer = { appealId: string; status: 'DECIDED'; reportStatus: StoredReport['status']; sanction: SanctionRecord | null };

/** Thrown out of applyChange when the decision is recorded already: nothing to write, the answer as it stands. */
class AlreadyRecorded extends Error {
  readonly answer: DecisionAnswer;
  constructor(answer: DecisionAnswer) {
    super('already recorded');
    this.answer = answer;
  }
}

const sameDecision = (recorded: NonNullable<Appeal['decision']>, body: AppealDecisionBody) =>
  recorded.outcome === body.outcome && recorded.decisionNumber === body.decisionNumber
  && recorded.decidedAt === new Date(body.decidedAt).toISOString() && recorded.sanction === body.sanction;

/** BPASN's decision on a BANDING, as the region records it (an objection, KEBERATAN, is decided by the PPK's link);
 *  then Bawaslu (and BKN for its recommendations) get report.appeal_decided by e-mail and webhook, once, through
 *  the report's notice execution (retried, recorded and alarmed like every notice). */
export async function recordAppealDecision(deps: Deps & Pick<Dependencies, 'workflow'>, regionId: string, id: string, appealId: string, body: AppealDecisionBody): Promise<DecisionAnswer> {
  let answer: DecisionAnswer;
  try {
    answer = await decideAppeal(deps, regionId, id, appealId, body);
  } catch (error) {
    if (!(error instanceof AlreadyRecorded)) throw error;
    answer = error.answer;
  }
  await deps.workflow.startNotice({ regionId, reportId: id, event: 'report.appeal_decided' });
  return answer;
}

async function decideAppeal(deps: Deps, regionId: string, id: string, appealId: string, body: AppealDecisionBody): Promise<DecisionAnswer> {
  return applyChange(deps, regionId, id, ({ report, zone }, now) => {
    const appeal = report.appeals?.find((a) => a.id === appealId);
    if (!appeal) throw new NotFoundError('Appeal not found');
    if (appeal.kind !== 'BANDING') {
      throw new ConflictError(joined(message('Keberatan diputus oleh PPK melalui tautan keputusannya, bukan dicatat di sini', 'An objection is decided by the PPK through its decision link, not recorded here')));
    }
    if (appeal.status === 'DECIDED' && sameDecision(appeal.decision!, body)) {
      // A retry of a recording that landed (its answer lost, or its notice not started): the same answer, nothing
      // written again, and the caller starts the notice again (a no-op when it runs already).
      throw new AlreadyRecorded({ appealId, status: 'DECIDED', reportStatus: report.status, sanction: report.sanction ?? null });
    }
    if (appeal.status !== 'OPEN') throw new ConflictError(joined(message(`Banding ini berstatus ${appeal.status}`, `This appeal is ${appeal.status}`)));
    const { sanction } = sanctionOf(report);
    notInFuture('decidedAt', body.decidedAt, now);
    if (new Date(body.decidedAt).getTime() < new Date(appeal.filedAt).getTime()) {
      throw new InputError([fieldError('decidedAt', message('sebelum banding diajukan', 'before the appeal was filed'))]);
    }
    const errors = outcomeErrors(body.outcome, sanction.sanction, body.sanction);
    if (errors.length) throw new InputError(errors);
    const decision = {
      outcome: body.outcome as AppealOutcome, ...(body.sanction ? { sanction: body.sanction } : {}), decisionNumber: body.decisionNumber,
      decidedAt: new Date(body.decidedAt).toISOString(), by: { name: 'BPASN', role: 'BPASN' },
    };
    const change = outcomeChange(report, appeal, decision);
    const at = now.toISOString();
    const line = outcomeLine(appeal, decision, zone);
    return {
      answer: { appealId, status: 'DECIDED' as const, reportStatus: change.to, sanction: change.appeal.sanction },
      transition: {
        from: 'SANCTIONED', to: change.to, counters: change.counters, appeal: change.appeal,
        timeline: [{ ...entry(at, 'APPEAL_DECIDED', change.to, line.id, line.en), actor: 'BPASN' }],
      },
    };
  });
}

/** What passing `decideBy` means for each kind: a KEBERATAN the PPK left undecided may go to the administrative
 *  court (PP 79/2021 Art. 5, 21 working days); a BANDING BPASN left undecided counts as overdue (65 working days). */
export function deadlineLine(appeal: Appeal, zone: string) {
  const by = formatLocal(appeal.decideBy!, zone);
  return appeal.kind === 'KEBERATAN'
    ? message(
      `Keberatan tidak diputus PPK sampai ${by} (21 hari kerja, PP 79/2021 Pasal 5): pegawai dapat mengajukan gugatan ke Pengadilan Tata Usaha Negara (PTUN); tautan keputusan PPK tetap berlaku`,
      `the objection was not decided by the PPK by ${by} (21 working days): the employee may take it to the administrative court (PTUN); the PPK's decision link stays live`,
    )
    : message(
      `Banding administratif belum diputus BPASN sampai ${by} (65 hari kerja, PP 79/2021 Pasal 15): terlambat`,
      `the appeal was not decided by BPASN by ${by} (65 working days): overdue`,
    );
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
        counters: [APPEAL_COUNTERS.overdue],
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
        from: 'SANCTIONED', to: change.to, counters: change.counters, appeal: change.appeal, record: { key: record.key, to: 'USED' as const, decision },
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
