// The sanction workflow's rules: its steps, who decides each, what a decision may say, and where it leads.
import { CLOSED_STATUSES, LEVEL_CODES, LEVELS, SANCTION_CODES, SANCTIONS, sanctionBelongsTo, type Level, type ReportStatus, type Sanction } from './codes.ts';
import type { Opd, Settings } from './directory.schema.ts';
import { InputError, type FieldError } from './errors.ts';
import { checkLevel, type GuidanceCheck } from './guidance.ts';
import { fieldError, joined, message } from './messages.ts';
import { APPEAL_OUTCOME_LABELS, APPEAL_OUTCOMES, type AppealOutcome } from './appeals.ts';
import type { Decision, StoredReport } from './report.schema.ts';
import { recommendationOf, recommendationSkipReason } from './recommendation.ts';

export const STEPS = {
  OPD_REVIEW: {
    status: 'AWAITING_OPD_REVIEW',
    role: 'OPD_HEAD',
    settings: 'opdReview',
    outcomes: ['FORWARD', 'DISMISS'],
    id: 'Telaah Kepala OPD',
    en: 'OPD head review',
  },
  BKPP_ASSESSMENT: {
    status: 'AWAITING_BKPP_ASSESSMENT',
    role: 'BKPP',
    settings: 'bkppAssessment',
    outcomes: ['RECOMMEND', 'DISMISS'],
    id: 'Penilaian BKPP',
    en: 'BKPP assessment',
  },
  PPK_DECISION: {
    status: 'AWAITING_PPK_DECISION',
    role: 'PPK',
    settings: 'ppkDecision',
    outcomes: ['IMPOSE', 'DISMISS'],
    id: 'Keputusan PPK',
    en: 'PPK decision',
  },
  // The employee's objection against the sanction, decided by the PPK (PP 79/2021 Art. 4–9): the report stays
  // SANCTIONED while it waits, in an execution of its own (ADR 0303).
  APPEAL: {
    status: 'SANCTIONED',
    role: 'PPK',
    settings: 'ppkDecision',
    outcomes: APPEAL_OUTCOMES,
    id: 'Keberatan kepada PPK',
    en: 'Objection to the PPK',
  },
} as const satisfies Record<string, { status: ReportStatus; role: string; settings: keyof Settings; outcomes: readonly string[]; id: string; en: string }>;
export type Step = keyof typeof STEPS;
export const STEP_CODES = Object.keys(STEPS) as [Step, ...Step[]];
export type Outcome = Decision['outcome'] | AppealOutcome;

export const OUTCOME_LABELS: Record<Outcome, { id: string; en: string }> = {
  FORWARD: { id: 'Teruskan ke BKPP', en: 'Forward to BKPP' },
  RECOMMEND: { id: 'Rekomendasikan sanksi', en: 'Recommend a sanction' },
  IMPOSE: { id: 'Jatuhkan sanksi', en: 'Impose the sanction' },
  DISMISS: { id: 'Hentikan (tidak terbukti atau tidak cukup bukti)', en: 'Dismiss (not proven or not enough evidence)' },
  ...APPEAL_OUTCOME_LABELS,
};

/** What the workflow hears back from a wait: a decision's outcome, or what the deadline did instead. */
export type WaitOutcome = Outcome | 'TIMED_OUT' | 'ESCALATED' | 'OVERDUE' | 'LAPSED';

export function isClosed(status: ReportStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** Where a decision takes the report. */
export function statusAfter(step: Step, outcome: Outcome): ReportStatus {
  if (outcome === 'DISMISS') return 'DISMISSED';
  if (step === 'OPD_REVIEW') return 'AWAITING_BKPP_ASSESSMENT';
  if (step === 'BKPP_ASSESSMENT') return 'AWAITING_PPK_DECISION';
  return 'SANCTIONED';
}

/** Why the OPD review is skipped, or null when the OPD head reviews: BKN or Bawaslu already examined a
 *  recommendation, the head cannot judge their own case, and a head without an e-mail cannot be asked. */
export function opdReviewSkipReason(report: Pick<StoredReport, 'employee' | 'source'>, opd: Opd | null): string | null {
  const recommendation = recommendationOf(report);
  if (recommendation) return recommendationSkipReason(recommendation);
  if (!opd?.head?.email) {
    return joined(message('Telaah OPD dilewati: OPD tidak memiliki e-mail kepala OPD', 'OPD review skipped: the OPD has no head e-mail'));
  }
  if (report.employee.nip !== undefined && report.employee.nip === opd.head.nip) {
    return joined(message('Telaah OPD dilewati karena benturan kepentingan: terlapor adalah kepala OPD', 'OPD review skipped for conflict of interest: the reported employee is the OPD head'));
  }
  return null;
}

export type DecisionForm = Record<string, string | undefined>;
export type DecisionInput = Pick<Decision, 'step' | 'outcome' | 'level' | 'sanction' | 'decreeNumber' | 'notes' | 'guidance'>;

const NOTES_MAX = 2000;
const DECREE_MAX = 100;

/** Validates the decision form of one step: the outcome belongs to the step, the sanction to its level,
 *  notes are required to dismiss, a decree number to impose. Throws InputError naming every bad field; given the
 *  report, a level outside the guidance without notes is among them. */
export function parseDecisionForm(step: Decision['step'], form: DecisionForm, report?: Pick<StoredReport, 'category' | 'actCode'>): DecisionInput {
  const errors: FieldError[] = [];
  const value = (name: string) => {
    const v = form[name]?.trim();
    return v ? v : undefined;
  };
  const outcome = value('outcome');
  const notes = value('notes');
  const allowed: readonly string[] = STEPS[step].outcomes;
  const known = outcome !== undefined && allowed.includes(outcome);
  if (!known) {
    errors.push(fieldError('outcome', message('pilih salah satu keputusan', 'choose one of the outcomes')));
  }
  if (notes && notes.length > NOTES_MAX) errors.push(fieldError('notes', message(`paling banyak ${NOTES_MAX} karakter`, `at most ${NOTES_MAX} characters`)));
  const decision: DecisionInput = { step, outcome: (outcome ?? 'DISMISS') as Decision['outcome'], ...(notes ? { notes } : {}) };

  if (!known) throw new InputError(errors);
  if (outcome === 'DISMISS' && !notes) {
    errors.push(fieldError('notes', message('alasan wajib diisi untuk menghentikan', 'notes are required to dismiss')));
  }
  if (outcome === 'RECOMMEND' || outcome === 'IMPOSE') {
    const sanction = value('sanction');
    const sanctionOk = sanction !== undefined && (SANCTION_CODES as readonly string[]).includes(sanction);
    // The spec's IMPOSE carries a sanction and a decree number: its level follows from the sanction.
    const level = value('level') ?? (outcome === 'IMPOSE' && sanctionOk ? SANCTIONS[sanction as Sanction].level : undefined);
    const levelOk = level !== undefined && (LEVEL_CODES as readonly string[]).includes(level);
    if (!levelOk) errors.push(fieldError('level', message('pilih tingkat sanksi', 'choose a level')));
    if (!sanctionOk) errors.push(fieldError('sanction', message('pilih jenis sanksi', 'choose a sanction')));
    if (levelOk && sanctionOk && !sanctionBelongsTo(sanction as Sanction, level as Level)) {
      const chosen = SANCTIONS[sanction as Sanction];
      const of = LEVELS[level as Level];
      errors.push(fieldError('sanction', message(`${chosen.id} bukan sanksi tingkat ${of.id}`, `${chosen.en} is not a sanction of ${of.en}`)));
    }
    if (levelOk) decision.level = level as Level;
    if (sanctionOk) decision.sanction = sanction as Sanction;
  }
  if (outcome === 'IMPOSE') {
    const decree = value('decreeNumber');
    if (!decree) errors.push(fieldError('decreeNumber', message('nomor SK wajib diisi', 'the decree number is required')));
    else if (decree.length > DECREE_MAX) errors.push(fieldError('decreeNumber', message(`paling banyak ${DECREE_MAX} karakter`, `at most ${DECREE_MAX} characters`)));
    else decision.decreeNumber = decree;
  }
  // With other errors, the guidance's demand for notes is named too, so the approver fixes everything at once.
  if (errors.length && report && decision.level && !decision.notes && !errors.some((e) => e.path === 'notes')) {
    const check = checkLevel(report, decision.level);
    if (check && !check.followed) errors.push(OUTSIDE_GUIDANCE_NEEDS_NOTES);
  }
  if (errors.length) throw new InputError(errors);
  return decision;
}

const OUTSIDE_GUIDANCE_NEEDS_NOTES: FieldError = {
  path: 'notes',
  message: 'tingkat ini di luar jalur sanksi katalog panduan untuk tindakan ini: tulis alasannya di catatan / this level is on no sanction path of the guidance for this act: give your reasons in the notes',
};

/** A RECOMMEND or IMPOSE is checked against the guidance catalogue's acts for the report: a level on no path
 *  of theirs needs notes saying why. Answers the decision with what the check found. */
export function checkAgainstGuidance(report: Pick<StoredReport, 'category' | 'actCode'>, decision: DecisionInput): DecisionInput {
  if ((decision.outcome !== 'RECOMMEND' && decision.outcome !== 'IMPOSE') || !decision.level) return decision;
  const check: GuidanceCheck | null = checkLevel(report, decision.level);
  if (!check) return decision;
  if (!check.followed && !decision.notes) throw new InputError([OUTSIDE_GUIDANCE_NEEDS_NOTES]);
  return { ...decision, guidance: check };
}

/** Seconds from now until an instant, at least 1 (Step Functions timeouts are whole seconds, at least one). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
