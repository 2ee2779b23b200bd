// The case summary shown to approvers and Bawaslu, in text and HTML. It is built from an allow-list of
// fields: the reporter's identity is not among them, so no e-mail or page can show it.
import { CATEGORIES, LEVELS, SANCTIONS, STAGES } from '#domain/codes';
import type { Decision, StoredReport, TimelineEntry } from '#domain/report.schema';
import { OUTCOME_LABELS, STEPS } from '#domain/workflow';
import { html, type SafeHtml } from './html.ts';

/** Western Indonesia Time, as approvers read it: 2024-11-27 14:05 WIB. */
export function wib(iso: string): string {
  return `${new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} WIB`;
}

export interface CaseFacts {
  reportId: string;
  receiptCode: string;
  region: string;
  category: string;
  stage: string;
  incidentDate: string;
  location: string;
  description: string;
  evidenceUrls: string[];
  employee: { name: string; nip: string; position: string; opd: string; employmentType: string };
  decisions: Decision[];
}

export function caseFacts(report: StoredReport, regionName: string, opdName: string): CaseFacts {
  return {
    reportId: report.id,
    receiptCode: report.receiptCode,
    region: regionName,
    category: `${CATEGORIES[report.category].id} (${report.category})`,
    stage: `${STAGES[report.stage].id} / ${STAGES[report.stage].en}`,
    incidentDate: report.incidentDate,
    location: report.location,
    description: report.description,
    evidenceUrls: report.evidenceUrls,
    employee: {
      name: report.employee.name,
      nip: report.employee.nip ?? '-',
      position: report.employee.position,
      opd: opdName,
      employmentType: report.employee.employmentType,
    },
    decisions: report.decisions,
  };
}

export function sanctionLabel(sanction: keyof typeof SANCTIONS): string {
  return `${SANCTIONS[sanction].id} (${sanction}; ${SANCTIONS[sanction].en})`;
}

export function decisionLine(decision: Decision): string {
  const parts = [
    `${STEPS[decision.step].id}: ${OUTCOME_LABELS[decision.outcome].id} / ${OUTCOME_LABELS[decision.outcome].en}`,
    `oleh/by ${decision.by.name}, ${wib(decision.at)}`,
  ];
  if (decision.level) parts.push(`tingkat/level ${LEVELS[decision.level].id}`);
  if (decision.sanction) parts.push(`sanksi/sanction ${sanctionLabel(decision.sanction)}`);
  if (decision.decreeNumber) parts.push(`nomor SK/decree ${decision.decreeNumber}`);
  if (decision.guidance && !decision.guidance.followed) parts.push('di luar jalur katalog panduan / outside the guidance catalogue');
  if (decision.notes) parts.push(`catatan/notes: ${decision.notes}`);
  return parts.join('; ');
}

export function caseText(facts: CaseFacts): string {
  const lines = [
    `Laporan / Report: ${facts.reportId} (${facts.receiptCode})`,
    `Daerah / Region: ${facts.region}`,
    `Kategori / Category: ${facts.category}`,
    `Tahapan / Stage: ${facts.stage}`,
    `Tanggal kejadian / Incident date: ${facts.incidentDate}`,
    `Lokasi / Location: ${facts.location}`,
    `Terlapor / Employee: ${facts.employee.name}, NIP ${facts.employee.nip}, ${facts.employee.position}, ${facts.employee.opd} (${facts.employee.employmentType})`,
    '',
    'Uraian / Description:',
    facts.description,
  ];
  if (facts.evidenceUrls.length) lines.push('', 'Bukti / Evidence:', ...facts.evidenceUrls.map((url) => `- ${url}`));
  lines.push('', 'Keputusan sejauh ini / Decisions so far:');
  lines.push(...(facts.decisions.length ? facts.decisions.map((d) => `- ${decisionLine(d)}`) : ['- belum ada / none yet']));
  return lines.join('\n');
}

export function caseHtml(facts: CaseFacts): SafeHtml {
  return html`<dl>
<dt>Laporan <span class="en">Report</span></dt><dd>${facts.reportId} (${facts.receiptCode})</dd>
<dt>Daerah <span class="en">Region</span></dt><dd>${facts.region}</dd>
<dt>Kategori <span class="en">Category</span></dt><dd>${facts.category}</dd>
<dt>Tahapan <span class="en">Stage</span></dt><dd>${facts.stage}</dd>
<dt>Tanggal kejadian <span class="en">Incident date</span></dt><dd>${facts.incidentDate}</dd>
<dt>Lokasi <span class="en">Location</span></dt><dd>${facts.location}</dd>
<dt>Terlapor <span class="en">Employee</span></dt><dd>${facts.employee.name}<br>NIP ${facts.employee.nip}<br>${facts.employee.position}, ${facts.employee.opd} (${facts.employee.employmentType})</dd>
<dt>Uraian <span class="en">Description</span></dt><dd>${facts.description}</dd>
${facts.evidenceUrls.length ? html`<dt>Bukti <span class="en">Evidence</span></dt><dd>${facts.evidenceUrls.map((url) => html`${url}<br>`)}</dd>` : ''}
</dl>
<h2>Keputusan sejauh ini <span class="en">Decisions so far</span></h2>
${facts.decisions.length ? html`<ul>${facts.decisions.map((d) => html`<li>${decisionLine(d)}</li>`)}</ul>` : html`<p class="muted">Belum ada / none yet.</p>`}`;
}

/** The same summary for e-mail clients, which ignore style sheets: a table with inline styles. */
export function caseEmailHtml(facts: CaseFacts): SafeHtml {
  const row = (id: string, en: string, value: SafeHtml | string) =>
    html`<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;white-space:nowrap">${id}<br><span style="font-weight:normal;color:#5b6773;font-size:12px">${en}</span></th><td style="vertical-align:top;padding:4px 0">${value}</td></tr>`;
  return html`<table style="border-collapse:collapse;margin:12px 0">
${row('Laporan', 'Report', `${facts.reportId} (${facts.receiptCode})`)}
${row('Daerah', 'Region', facts.region)}
${row('Kategori', 'Category', facts.category)}
${row('Tahapan', 'Stage', facts.stage)}
${row('Tanggal kejadian', 'Incident date', facts.incidentDate)}
${row('Lokasi', 'Location', facts.location)}
${row('Terlapor', 'Employee', html`${facts.employee.name}<br>NIP ${facts.employee.nip}<br>${facts.employee.position}, ${facts.employee.opd} (${facts.employee.employmentType})`)}
${row('Uraian', 'Description', facts.description)}
${facts.evidenceUrls.length ? row('Bukti', 'Evidence', html`${facts.evidenceUrls.map((url) => html`${url}<br>`)}`) : ''}
${row('Keputusan sejauh ini', 'Decisions so far', facts.decisions.length ? html`${facts.decisions.map((d) => html`${decisionLine(d)}<br>`)}` : 'Belum ada / none yet')}
</table>`;
}

export function timelineText(timeline: TimelineEntry[]): string {
  return timeline.map((entry) => `- ${entry.at} ${entry.actor}${entry.by ? ` (${entry.by})` : ''}: ${entry.action}${entry.note ? ` — ${entry.note}` : ''}`).join('\n');
}
