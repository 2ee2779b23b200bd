// The case summary shown to approvers and Bawaslu, in text, page HTML and e-mail HTML, from one list of rows.
// It is built from an allow-list of fields: the reporter's identity is not among them, so no e-mail or page can show it.
import { CATEGORIES, LEVELS, SANCTIONS, STAGES, STATUS_LABELS, type ReportStatus, type Sanction } from '#domain/codes';
import { inRegion, message, type Message } from '#domain/messages';
import type { Decision, StoredReport } from '#domain/report.schema';
import { regionTimeZone, formatLocal } from '#domain/time-zones';
import { OUTCOME_LABELS, STEPS, type Outcome, type Step } from '#domain/workflow';
import type { Region } from '#ports';
import { html, type SafeHtml } from './html.ts';

/** How a region names things for its people: its agency (BKPSDM, BKD, BKPP...) and its time zone. */
export interface RegionWords {
  regionName: string;
  /** The agency's own short name, as in "Penilaian BKPSDM". */
  agency: string;
  /** The agency with its region, as in "diteruskan ke BKPSDM Kabupaten Bantul". */
  agencyFull: string;
  timeZone: string;
}

export function regionWords(region: Region | null, regionId: string): RegionWords {
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

/** "Teguran tertulis" with its English and its level, never the code. */
export function sanctionText(sanction: Sanction): Message {
  const s = SANCTIONS[sanction];
  const level = LEVELS[s.level];
  return message(`${s.id} (${level.id})`, `${s.en} (${level.en})`);
}

/** One line of the summary: a label (Indonesian, English) and its value lines; `en` lines are shown as secondary. */
export interface SummaryRow {
  label: Message;
  lines: string[];
  /** Secondary lines (the English of a label-like value), shown smaller. */
  en?: string[];
}

/** The one summary builder: every rendering (text, page, e-mail) and every extension (more rows) goes through it. */
export function summaryRows(facts: CaseFacts, extra: SummaryRow[] = []): SummaryRow[] {
  const e = facts.employee;
  return [
    { label: message('Laporan', 'Report'), lines: [facts.receiptCode, facts.reportId] },
    { label: message('Daerah', 'Region'), lines: [facts.words.regionName] },
    { label: message('Kategori', 'Category'), lines: [facts.category.id], en: [facts.category.en] },
    { label: message('Tahapan', 'Stage'), lines: [facts.stage.id], en: [facts.stage.en] },
    { label: message('Tanggal kejadian', 'Incident date'), lines: [facts.incidentDate] },
    { label: message('Lokasi', 'Location'), lines: [facts.location] },
    { label: message('Terlapor', 'Employee'), lines: [e.name, `NIP ${e.nip}`, `${e.position}, ${e.opd} (${e.employmentType})`] },
    { label: message('Uraian', 'Description'), lines: [facts.description] },
    ...(facts.evidenceUrls.length ? [{ label: message('Bukti', 'Evidence'), lines: facts.evidenceUrls }] : []),
    ...extra,
  ];
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

export function decisionView(decision: Decision, words: RegionWords): DecisionView {
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
export function decisionLine(decision: Decision, words: RegionWords): string {
  const view = decisionView(decision, words);
  const details = view.details.map((d) => `${d.label.id}: ${d.value}`);
  return [`${view.title.id} (${view.title.en})`, view.meta, ...details].join(' · ');
}

export function decisionHtml(decision: Decision, words: RegionWords): SafeHtml {
  const view = decisionView(decision, words);
  return html`<div class="decision"><strong>${view.title.id}</strong> <span class="en">${view.title.en}</span><br><span class="muted">${view.by} · <span class="when">${view.at}</span></span>${view.details.map(
    (d) => html`<br>${d.label.id}: ${d.value}${d.en ? html` <span class="en">${d.en}</span>` : ''}`,
  )}</div>`;
}

export function caseText(facts: CaseFacts, extra: SummaryRow[] = []): string {
  const lines = summaryRows(facts, extra).flatMap((row) =>
    row.lines.length > 1 || row.label.id === 'Uraian'
      ? [`${row.label.id} (${row.label.en}):`, ...row.lines.map((line) => `  ${line}`)]
      : [`${row.label.id} (${row.label.en}): ${row.lines[0]}${row.en ? ` (${row.en.join(', ')})` : ''}`],
  );
  lines.push('', 'Keputusan sejauh ini (Decisions so far):');
  lines.push(...(facts.decisions.length ? facts.decisions.map((d) => `- ${decisionLine(d, facts.words)}`) : ['- belum ada (none yet)']));
  return lines.join('\n');
}

/** The page version: a definition list that stacks label over value on a phone (see html.ts's style). */
export function caseHtml(facts: CaseFacts, extra: SummaryRow[] = []): SafeHtml {
  return html`<dl class="summary">
${summaryRows(facts, extra).map((row) => html`<dt>${row.label.id} <span class="en">${row.label.en}</span></dt><dd>${row.lines.map((line, i) => html`${i ? html`<br>` : ''}${line}`)}${row.en ? html`<br><span class="en">${row.en.join(', ')}</span>` : ''}</dd>
`)}</dl>
<h2>Keputusan sejauh ini <span class="en">Decisions so far</span></h2>
${facts.decisions.length ? html`<ul class="decisions">${facts.decisions.map((d) => html`<li>${decisionHtml(d, facts.words)}</li>`)}</ul>` : html`<p class="muted">Belum ada <span class="en">None yet</span></p>`}`;
}

// E-mail clients ignore style sheets and many ignore media queries: one fluid column, label above value,
// inline styles only, and long ids and links allowed to break.
export const MAIL = {
  muted: 'color:#5b6773',
  small: 'font-size:13px;color:#5b6773',
  label: 'margin:12px 0 0;font-weight:bold;font-size:14px',
  value: 'margin:0;overflow-wrap:anywhere;word-break:break-word',
} as const;

export function mailRow(label: Message, value: SafeHtml | string): SafeHtml {
  return html`<p style="${MAIL.label}">${label.id} <span style="font-weight:normal;${MAIL.small}">${label.en}</span></p><p style="${MAIL.value}">${value}</p>`;
}

/** The same summary for e-mail clients. */
export function caseEmailHtml(facts: CaseFacts, extra: SummaryRow[] = []): SafeHtml {
  return html`<div style="margin:12px 0;padding:4px 12px 12px;border:1px solid #d8dee4;border-radius:6px">
${summaryRows(facts, extra).map((row) => mailRow(row.label, html`${row.lines.map((line, i) => html`${i ? html`<br>` : ''}${line}`)}${row.en ? html`<br><span style="${MAIL.small}">${row.en.join(', ')}</span>` : ''}`))}
${mailRow(message('Keputusan sejauh ini', 'Decisions so far'), facts.decisions.length
    ? html`${facts.decisions.map((d, i) => {
      const view = decisionView(d, facts.words);
      return html`${i ? html`<br><br>` : ''}<strong>${view.title.id}</strong> <span style="${MAIL.small}">${view.title.en}</span><br><span style="${MAIL.small}">${view.by} · <span style="white-space:nowrap">${view.at}</span></span>${view.details.map((x) => html`<br>${x.label.id}: ${x.value}`)}`;
    })}`
    : html`Belum ada <span style="${MAIL.small}">None yet</span>`)}
</div>`;
}
