// The facts of a case and the words a region uses for them (its agency, its time zone, the labels of steps,
// outcomes and sanctions), as plain data and text: pages, e-mails and timeline notes are built from these.
// From an allow-list of fields: the reporter's identity is not among them.
import { CATEGORIES, LEVELS, SANCTIONS, STAGES, STATUS_LABELS, type ReportStatus, type Sanction } from './codes.ts';
import { inRegion, message, type Message } from './messages.ts';
import type { Decision, LinkDecision, StoredReport } from './report.schema.ts';
import { regionTimeZone, formatLocal } from './time-zones.ts';
import { OUTCOME_LABELS, STEPS, type Outcome, type Step } from './workflow.ts';

/** How a region names things for its people: its agency (BKPSDM, BKD, BKPP...) and its time zone. */
export interface RegionWords {
  regionName: string;
  /** The agency's own short name, as in "Penilaian BKPSDM". */
  agency: string;
  /** The agency with its region, as in "diteruskan ke BKPSDM Kabupaten Bantul". */
  agencyFull: string;
  timeZone: string;
}

export function regionWords(region: { id: string; name: string; agencyName: string; timeZone?: string | undefined } | null, regionId: string): RegionWords {
  const agency = region?.agencyName ?? 'BKPP';
  const regionName = region?.name ?? regionId;
  return { regionName, agency, agencyFull: `${agency} ${regionName}`, timeZone: regionTimeZone(region ?? { id: regionId }) };
}

/** A time as the region's people read it: 2024-10-02 14:30 WITA. */
export function localTime(words: RegionWords, iso: string): string {
  return formatLocal(iso, words.timeZone);
}

export const stepLabel = (step: Step, words: RegionWords): Message => inRegion(STEPS[step], words.agency);
export const outcomeLabel = (outcome: Outcome, words: RegionWords): Message => inRegion(OUTCOME_LABELS[outcome], words.agency);
export const statusLabel = (status: ReportStatus, words: RegionWords): Message => inRegion(STATUS_LABELS[status], words.agency);

const EMPLOYMENT_LABELS: Record<string, string> = { PNS: 'PNS', PPPK: 'PPPK', NON_ASN: 'Non-ASN' };

export interface CaseFacts {
  reportId: string;
  regionId: string;
  receiptCode: string;
  words: RegionWords;
  category: Message;
  stage: Message;
  incidentDate: string;
  location: string;
  description: string;
  evidenceUrls: string[];
  employee: { name: string; nip: string; position: string; opd: string; employmentType: string };
  decisions: Decision[];
}

export function caseFacts(report: StoredReport, words: RegionWords, opdName: string): CaseFacts {
  return {
    reportId: report.id,
    regionId: report.regionId,
    receiptCode: report.receiptCode,
    words,
    category: CATEGORIES[report.category],
    stage: STAGES[report.stage],
    incidentDate: report.incidentDate,
    location: report.location,
    description: report.description,
    evidenceUrls: report.evidenceUrls,
    employee: {
      name: report.employee.name,
      nip: report.employee.nip ?? '-',
      position: report.employee.position,
      opd: opdName,
      employmentType: EMPLOYMENT_LABELS[report.employee.employmentType] ?? report.employee.employmentType,
    },
    decisions: report.decisions,
  };
}

/** "Teguran tertulis; hukuman disiplin ringan (PP 94/2021)" with its English, never the code. (A semicolon, not
 *  brackets: the level's own label ends in its regulation's brackets.) */
export function sanctionText(sanction: Sanction): Message {
  const s = SANCTIONS[sanction];
  const level = LEVELS[s.level];
  const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  return message(`${s.id}; ${lower(level.id)}`, `${s.en}; ${lower(level.en)}`);
}

/** A decision as people read it: what was decided (title), who and when (meta), and what it said (details). */
export interface DecisionView {
  title: Message;
  /** Who decided and when, as one line (`by · at`). */
  meta: string;
  by: string;
  at: string;
  details: { label: Message; value: string; en?: string }[];
}

export function decisionView(decision: LinkDecision, words: RegionWords): DecisionView {
  const step = stepLabel(decision.step, words);
  const outcome = outcomeLabel(decision.outcome, words);
  const details: DecisionView['details'] = [];
  if (decision.sanction) {
    const s = sanctionText(decision.sanction);
    details.push({ label: message('Sanksi', 'Sanction'), value: s.id, en: s.en });
  } else if (decision.level) {
    details.push({ label: message('Tingkat', 'Level'), value: LEVELS[decision.level].id, en: LEVELS[decision.level].en });
  }
  if (decision.decreeNumber) details.push({ label: message('Nomor SK', 'Decree'), value: decision.decreeNumber });
  if (decision.guidance && !decision.guidance.followed) {
    details.push({ label: message('Panduan', 'Guidance'), value: 'di luar jalur katalog panduan', en: 'outside the guidance catalogue' });
  }
  if (decision.notes) details.push({ label: message('Catatan', 'Notes'), value: decision.notes });
  const at = localTime(words, decision.at);
  return { title: message(`${step.id}: ${outcome.id}`, `${step.en}: ${outcome.en}`), meta: `${decision.by.name} · ${at}`, by: decision.by.name, at, details };
}

/** The decision in one line of text (e-mail text, timeline note). */
export function decisionLine(decision: LinkDecision, words: RegionWords): string {
  const view = decisionView(decision, words);
  const details = view.details.map((d) => `${d.label.id}: ${d.value}`);
  return [`${view.title.id} (${view.title.en})`, view.meta, ...details].join(' · ');
}
