// Appeals after a sanction (PP 94/2021 Art. 37–38, PP 79/2021): decree delivery, which sanction takes which route,
// the windows in working days, and what an outcome may do to the sanction.
import * as z from 'zod/mini';
import { LEVELS, SANCTION_CODES, SANCTIONS, type Level, type Sanction } from './codes.ts';
import { evidenceUrls, text } from './common.schema.ts';
import { InputError, type FieldError } from './errors.ts';
import { bilingual, fieldError, message } from './messages.ts';
import { formatLocal } from './time-zones.ts';

/** Days the employee has to object or appeal after receiving the decree (PP 79/2021 Art. 4, 11), and the
 *  official has to hand the decree over after deciding (PP 94/2021 Art. 37). */
export const APPEAL_WINDOW_WORKING_DAYS = 14;
export const DELIVERY_WORKING_DAYS = 14;
/** The PPK decides an objection within 21 working days (PP 79/2021 Art. 5). */
export const KEBERATAN_DECIDE_WORKING_DAYS = 21;
/** BPASN decides an administrative appeal within 65 working days (PP 79/2021 Art. 15). */
export const BANDING_DECIDE_WORKING_DAYS = 65;
/** A decree takes effect on the 15th day after the employee received it (PP 94/2021 Art. 38). */
export const EFFECTIVE_AFTER_DAYS = 15;

export const APPEAL_KINDS = ['KEBERATAN', 'BANDING'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_STATUSES = ['OPEN', 'NOT_ADMISSIBLE', 'DECIDED'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_OUTCOMES = ['KUATKAN', 'RINGANKAN', 'PERBERAT', 'UBAH', 'BATALKAN'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** What an appeal's status means to people (the case file, a 409 that names it). */
export const APPEAL_STATUS_LABELS: Record<AppealStatus, { id: string; en: string }> = {
  OPEN: { id: 'Menunggu putusan', en: 'awaiting its decision' },
  NOT_ADMISSIBLE: { id: 'Tidak dapat diterima (lewat batas)', en: 'not admissible (late)' },
  DECIDED: { id: 'Diputus', en: 'decided' },
};

export const APPEAL_KIND_LABELS: Record<AppealKind, { id: string; en: string }> = {
  KEBERATAN: { id: 'Keberatan kepada PPK', en: 'Objection to the PPK' },
  BANDING: { id: 'Banding administratif kepada BPASN', en: 'Administrative appeal to BPASN' },
};
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, { id: string; en: string }> = {
  KUATKAN: { id: 'Menguatkan hukuman disiplin', en: 'Confirm the sanction' },
  RINGANKAN: { id: 'Memperingan hukuman disiplin', en: 'Lighten the sanction' },
  PERBERAT: { id: 'Memperberat hukuman disiplin', en: 'Make the sanction heavier' },
  UBAH: { id: 'Mengubah hukuman disiplin (tingkat yang sama)', en: 'Change the sanction (same level)' },
  BATALKAN: { id: 'Membatalkan hukuman disiplin', en: 'Annul the sanction' },
};

const dateTime = /* @__PURE__ */ z.iso.datetime({ offset: true, error: bilingual('waktu ISO 8601 dengan zona, mis. 2024-12-20T10:00:00+07:00', 'ISO 8601 date-time with offset') });

export const DecreeDeliveryBody = /* @__PURE__ */ z
  .strictObject({ deliveredAt: dateTime.check(z.describe('When the employee received the decree (SK); not in the future, not before the decision.')) })
  .register(z.globalRegistry, { id: 'DecreeDelivery' });
export type DecreeDeliveryBody = z.infer<typeof DecreeDeliveryBody>;

export const FileAppealBody = /* @__PURE__ */ z
  .strictObject({
    kind: z.enum(APPEAL_KINDS).check(z.describe('KEBERATAN (objection to the PPK) for every discipline sanction but PEMBERHENTIAN; BANDING (to BPASN) for PEMBERHENTIAN only.')),
    filedAt: dateTime.check(z.describe('When the employee filed it; not in the future.')),
    grounds: text(5000).check(z.describe('The employee\'s reasons, in writing (PP 79/2021 Art. 4).')),
    documentUrls: evidenceUrls,
  })
  .register(z.globalRegistry, { id: 'FileAppeal' });
export type FileAppealBody = z.infer<typeof FileAppealBody>;

export const AppealDecisionBody = /* @__PURE__ */ z
  .strictObject({
    outcome: z.enum(APPEAL_OUTCOMES),
    decisionNumber: text(100).check(z.describe('The number of BPASN\'s decision.')),
    decidedAt: dateTime.check(z.describe('When BPASN decided; not in the future, not before the filing.')),
    sanction: z.optional(z.enum(SANCTION_CODES)).check(z.describe('The new sanction, for RINGANKAN, PERBERAT and UBAH (and only for them).')),
  })
  .register(z.globalRegistry, { id: 'AppealDecision' });
export type AppealDecisionBody = z.infer<typeof AppealDecisionBody>;

export const AppealParams = /* @__PURE__ */ z.strictObject({
  id: z.string().check(z.regex(/^[0-9A-Z]{26}$/, bilingual('id laporan tidak valid', 'invalid report id'))),
  appealId: z.string().check(z.regex(/^[0-9A-Z]{26}$/, bilingual('id keberatan/banding tidak valid', 'invalid appeal id'))),
});

export const AppealDecision = /* @__PURE__ */ z.object({
  outcome: z.enum(APPEAL_OUTCOMES),
  sanction: z.optional(z.enum(SANCTION_CODES)),
  decisionNumber: z.optional(z.string()).check(z.describe('The decree (KEBERATAN) or BPASN decision (BANDING) number.')),
  notes: z.optional(z.string()),
  decidedAt: z.string(),
  by: z.object({ name: z.string(), role: z.string() }),
});

export const Appeal = /* @__PURE__ */ z
  .object({
    id: z.string(),
    kind: z.enum(APPEAL_KINDS),
    status: z.enum(APPEAL_STATUSES),
    filedAt: z.string(),
    grounds: z.string(),
    documentUrls: z.array(z.string()),
    /** The window it was judged against. */
    appealBy: z.string(),
    decideBy: z.optional(z.string()).check(z.describe('OPEN: the end of the working day the decision is due (21 working days for KEBERATAN, 65 for BANDING).')),
    calendarNote: z.optional(z.string()).check(z.describe('Set when a year the count crossed had no holiday data (weekends only).')),
    deadlinePassedAt: z.optional(z.string()).check(z.describe('When netra recorded decideBy as passed.')),
    workflowRun: z.optional(z.int()).check(z.describe('KEBERATAN: the run of its own workflow execution (the PPK\'s decision link); a repair counts up.')),
    decision: z.optional(AppealDecision),
    recordedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Appeal' });
export type Appeal = z.infer<typeof Appeal>;

export const FileAppealResult = /* @__PURE__ */ z
  .object({ appealId: z.string(), status: z.enum(APPEAL_STATUSES), decideBy: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'FileAppealResult' });

/** The sanction as the report carries it, with delivery and the appeal window once delivery is recorded. */
export const SanctionRecord = /* @__PURE__ */ z.object({
  level: z.enum(Object.keys(LEVELS) as [Level, ...Level[]]),
  sanction: z.enum(SANCTION_CODES),
  decreeNumber: z.string(),
  deliveredAt: z.optional(z.string()).check(z.describe('When the employee received the decree.')),
  appealBy: z.optional(z.string()).check(z.describe('The end of the 14th working day after delivery (the region\'s zone).')),
  effectiveAt: z.optional(z.string()).check(z.describe('The start of the 15th day after delivery; absent while an appeal filed in time is open, then the appeal\'s decision (PP 94/2021 Art. 38).')),
  calendarNote: z.optional(z.string()).check(z.describe('Set when appealBy was counted across a year without holiday data.')),
  deliveryReminderAt: z.optional(z.string()).check(z.describe('When the agency was told the decree was 14 working days undelivered.')),
  since: z.optional(z.string()).check(z.describe('When this sanction was set (the PPK decision, or the appeal that changed it).')),
  byAppeal: z.optional(z.string()).check(z.describe('The appeal whose outcome set it.')),
  until: z.optional(z.string()).check(z.describe('In sanctionHistory: when an appeal\'s outcome replaced or annulled it.')),
});
export type SanctionRecord = z.infer<typeof SanctionRecord>;

/** Which route a sanction may be appealed by; null: a moral sanction (PP 42/2004) has none. */
export function appealRoute(sanction: Sanction): AppealKind | null {
  if (SANCTIONS[sanction].level === 'MORAL') return null;
  return sanction === 'PEMBERHENTIAN' ? 'BANDING' : 'KEBERATAN';
}

/** Why this kind may not be filed against this sanction (422 naming the rule), or null. */
export function routeError(kind: AppealKind, sanction: Sanction): FieldError | null {
  const route = appealRoute(sanction);
  if (route === null) {
    return fieldError('kind', message(
      `Sanksi moral (${sanction}) tidak dapat diajukan keberatan atau banding: PP 42/2004 Pasal 15 dan 19 tidak memberi upaya administratif`,
      `A moral sanction (${sanction}) has no objection or appeal: PP 42/2004 Art. 15 and 19 give no administrative remedy`,
    ));
  }
  if (route !== kind) {
    return kind === 'KEBERATAN'
      ? fieldError('kind', message('Pemberhentian hanya dapat diajukan banding administratif kepada BPASN (PP 79/2021 Pasal 3 dan 10)', 'A dismissal is appealed to BPASN only, never by objection (PP 79/2021 Art. 3 and 10)'))
      : fieldError('kind', message('Banding administratif kepada BPASN hanya untuk pemberhentian (PP 79/2021 Pasal 10); ajukan keberatan kepada PPK', 'An appeal to BPASN is for dismissal only (PP 79/2021 Art. 10); file an objection to the PPK'));
  }
  return null;
}

/** How heavy a discipline sanction is: its level, then its place in the level (SANCTIONS lists each level lightest first). */
function severity(sanction: Sanction): number {
  const levels = Object.keys(LEVELS);
  return levels.indexOf(SANCTIONS[sanction].level) * 100 + SANCTION_CODES.indexOf(sanction);
}

/** Checks an outcome's sanction against the one in force: RINGANKAN lighter, PERBERAT heavier, UBAH another of the
 *  same level; KUATKAN and BATALKAN carry none. A moral sanction is never the result of a discipline appeal. */
export function outcomeErrors(outcome: AppealOutcome, current: Sanction, next: Sanction | undefined): FieldError[] {
  const changes = outcome === 'RINGANKAN' || outcome === 'PERBERAT' || outcome === 'UBAH';
  if (!changes) {
    return next === undefined ? [] : [fieldError('sanction', message(`${outcome} tidak menetapkan sanksi baru`, `${outcome} sets no new sanction`))];
  }
  if (next === undefined) return [fieldError('sanction', message(`wajib untuk ${outcome}`, `required for ${outcome}`))];
  if (SANCTIONS[next].level === 'MORAL') return [fieldError('sanction', message('sanksi moral bukan hukuman disiplin', 'a moral sanction is not a discipline sanction'))];
  const [was, now] = [severity(current), severity(next)];
  // In words, never codes: the PPK's page shows these.
  const [named, en] = [SANCTIONS[current].id, SANCTIONS[current].en];
  if (outcome === 'RINGANKAN' && !(now < was)) return [fieldError('sanction', message(`harus lebih ringan dari ${named}`, `must be lighter than ${en}`))];
  if (outcome === 'PERBERAT' && !(now > was)) return [fieldError('sanction', message(`harus lebih berat dari ${named}`, `must be heavier than ${en}`))];
  if (outcome === 'UBAH' && (SANCTIONS[next].level !== SANCTIONS[current].level || next === current)) {
    return [fieldError('sanction', message(`harus sanksi lain pada tingkat ${LEVELS[SANCTIONS[current].level].id}, bukan ${named}`, `must be another sanction of level ${LEVELS[SANCTIONS[current].level].en}, not ${en}`))];
  }
  return [];
}

/** The sanction an outcome leaves in force: the new one, the same one, or none (BATALKAN). */
export function sanctionAfter(outcome: AppealOutcome, current: Sanction, next: Sanction | undefined): Sanction | null {
  if (outcome === 'BATALKAN') return null;
  return outcome === 'KUATKAN' ? current : next!;
}

/** The appeal still waiting for its decision, if there is one (one at a time per report). */
export function openAppeal(appeals: readonly Appeal[] | undefined): Appeal | undefined {
  return appeals?.find((appeal) => appeal.status === 'OPEN');
}

/** Stats counter names of the appeals (stats.schema.ts reads them). */
export const APPEAL_COUNTERS = {
  filed: 'appeals_filed',
  notAdmissible: 'appeals_notAdmissible',
  open: 'appeals_open',
  decided: 'appeals_decided',
  /** Open appeals whose decideBy passed (a KEBERATAN the PPK left, a BANDING BPASN left); a decision takes it back. */
  overdue: 'appeals_overdue',
  outcome: (outcome: AppealOutcome) => `appeals_outcome_${outcome}`,
} as const;


/** What the PPK's form on an objection says: the outcome, the new sanction when it changes it, the decree, notes. */
export interface ObjectionInput {
  outcome: AppealOutcome;
  sanction?: Sanction;
  decreeNumber?: string;
  notes?: string;
}

const FORM_NOTES_MAX = 2000;
const FORM_DECREE_MAX = 100;

/** Validates the PPK's decision form on an objection (step APPEAL) against the sanction in force: `sanction` for
 *  RINGANKAN, PERBERAT and UBAH (checked against the outcome), `decreeNumber` for all but KUATKAN, `notes` required
 *  but for KUATKAN. A sanction left chosen with KUATKAN or BATALKAN is ignored (a form's radios stay checked).
 *  Throws InputError naming every bad field. */
export function parseObjectionForm(form: Record<string, string | undefined>, current: Sanction): ObjectionInput {
  const value = (name: string) => form[name]?.trim() || undefined;
  const errors: FieldError[] = [];
  const outcome = value('outcome');
  if (!outcome || !(APPEAL_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new InputError([fieldError('outcome', message('pilih salah satu keputusan', 'choose one of the outcomes'))]);
  }
  const chosen = outcome as AppealOutcome;
  const changes = chosen === 'RINGANKAN' || chosen === 'PERBERAT' || chosen === 'UBAH';
  const sanctionValue = changes ? value('sanction') : undefined;
  const known = sanctionValue !== undefined && (SANCTION_CODES as readonly string[]).includes(sanctionValue);
  if (sanctionValue !== undefined && !known) errors.push(fieldError('sanction', message('pilih jenis sanksi', 'choose a sanction')));
  else errors.push(...outcomeErrors(chosen, current, sanctionValue as Sanction | undefined));
  const decree = value('decreeNumber');
  if (chosen !== 'KUATKAN' && !decree) errors.push(fieldError('decreeNumber', message('nomor SK wajib diisi', 'the decree number is required')));
  if (decree && decree.length > FORM_DECREE_MAX) errors.push(fieldError('decreeNumber', message(`paling banyak ${FORM_DECREE_MAX} karakter`, `at most ${FORM_DECREE_MAX} characters`)));
  const notes = value('notes');
  if (chosen !== 'KUATKAN' && !notes) errors.push(fieldError('notes', message('alasan wajib diisi', 'the reasons are required')));
  if (notes && notes.length > FORM_NOTES_MAX) errors.push(fieldError('notes', message(`paling banyak ${FORM_NOTES_MAX} karakter`, `at most ${FORM_NOTES_MAX} characters`)));
  if (errors.length) throw new InputError(errors);
  return { outcome: chosen, ...(known ? { sanction: sanctionValue as Sanction } : {}), ...(decree ? { decreeNumber: decree } : {}), ...(notes ? { notes } : {}) };
}

/** The timeline's line for an outcome, in the region's zone. */
export function outcomeLine(appeal: Appeal, decision: NonNullable<Appeal['decision']>, zone: string) {
  const label = APPEAL_OUTCOME_LABELS[decision.outcome];
  const kind = APPEAL_KIND_LABELS[appeal.kind];
  const sanction = decision.sanction ? ` → ${decision.sanction} (${SANCTIONS[decision.sanction].id})` : '';
  const number = decision.decisionNumber ? `, nomor ${decision.decisionNumber}` : '';
  return message(`${kind.id} diputus ${formatLocal(decision.decidedAt, zone)}: ${label.id}${sanction}${number}`, `${kind.en} decided: ${label.en}${sanction}`);
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
