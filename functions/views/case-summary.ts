// The case summary shown to approvers and Bawaslu, in text, page HTML and e-mail HTML, from one list of rows.
// It is built from an allow-list of fields: the reporter's identity is not among them, so no e-mail or page can show it.
import { message, type Message } from '#domain/messages';
import type { LinkDecision } from '#domain/report.schema';
import { decisionLine, decisionView, type CaseFacts, type RegionWords } from '#domain/case-facts';
import { html, type SafeHtml } from './html.ts';

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

export function decisionHtml(decision: LinkDecision, words: RegionWords): SafeHtml {
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

/** An e-mail's plain text: its own lines, the case summary (when it is about one report), and the English
 *  paragraph below a rule, the same in every e-mail. */
export function mailText(lines: string[], facts: CaseFacts | undefined, en: string): string {
  return [...lines, ...(facts ? ['', caseText(facts)] : []), '', '---', en].join('\n');
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
