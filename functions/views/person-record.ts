// A person's record as a page to print and hand over (UU 27/2022 Art. 32): Indonesian words with English below,
// the region's agency and time zone; no script, the pages' strict CSP. Shows only what the record holds.
import { CATEGORIES, LEVELS, SANCTIONS, STAGES, type Level, type Sanction } from '#domain/codes';
import { outcomeLabel, sanctionText, statusLabel, stepLabel, type RegionWords } from '#domain/case-facts';
import { ELECTIONS } from '#domain/elections';
import { formatLocal } from '#domain/time-zones';
import type { PersonRecord, PersonRecordPage, PersonReport } from '#domain/people.schema';
import type { AccessEntry } from '#domain/personal-data.schema';
import { html, htmlResponse, type SafeHtml } from './html.ts';

const KIND_LABELS = { IKRAR_ASN: 'Ikrar netralitas ASN', DEKLARASI_KEPALA_DAERAH: 'Deklarasi kepala daerah' } as const;
const ROLE_LABELS = { KETUA: 'Ketua', SEKRETARIS: 'Sekretaris', ANGGOTA: 'Anggota' } as const;
/** What each read was, in words (the access log names routes, which are codes to a reader). */
const ROUTE_LABELS = new Map<string, { id: string; en: string }>([
  ['GET /v1/reports/{id}', { id: 'Membaca laporan', en: 'Read the report' }],
  ['GET /v1/reports/{id}/case-file', { id: 'Mencetak berkas perkara', en: 'Printed the case file' }],
  ['POST /v1/reports/{id}/reporter/unseal', { id: 'Membuka identitas pelapor', en: 'Unsealed the reporter' }],
  ['GET /v1/reports', { id: 'Membaca daftar laporan', en: 'Read a list of reports' }],
  ['GET /v1/people/{nip}', { id: 'Membaca catatan data pribadi ini', en: 'Read this record' }],
]);

function field(id: string, en: string, value: SafeHtml | string | undefined): SafeHtml | '' {
  if (value === undefined || value === '') return '';
  return html`<dt>${id} <span class="en">${en}</span></dt><dd>${value}</dd>`;
}

function reportCard(report: PersonReport, page: PersonRecordPage): SafeHtml {
  const { words, opdNames } = page;
  const status = statusLabel(report.status, words);
  const decisions = report.decisions.map((d) => {
    const step = stepLabel(d.step, words);
    const outcome = outcomeLabel(d.outcome, words);
    const detail = d.sanction && d.sanction in SANCTIONS
      ? sanctionText(d.sanction as Sanction).id
      : d.level && d.level in LEVELS ? LEVELS[d.level as Level].id : '';
    return html`<li>${step.id}: <strong>${outcome.id}</strong>${detail ? ` · ${detail}` : ''}${d.decreeNumber ? ` · SK ${d.decreeNumber}` : ''} · <span class="when">${formatLocal(d.at, words.timeZone)}</span>${
      d.notes ? html`<br><span class="muted">Catatan: ${d.notes}</span>` : ''}</li>`;
  });
  return html`<div class="card" data-report="${report.id}"><dl class="summary">
${field('Nomor tanda terima', 'Receipt', report.receiptCode)}
${field('Pemilihan', 'Election', ELECTIONS[report.electionId].name)}
${field('Status', 'Status', html`${status.id} <span class="en">${status.en}</span>`)}
${field('Kategori', 'Category', CATEGORIES[report.category].id)}
${field('Tahapan', 'Stage', STAGES[report.stage].id)}
${field('Tanggal kejadian', 'Incident date', report.incidentDate)}
${field('Lokasi', 'Location', report.location)}
${field('Uraian', 'Description', report.description)}
${field('Jabatan', 'Position', report.employee.position)}
${field('OPD', 'Agency unit', opdNames.get(report.employee.opdId) ?? report.employee.opdId)}
${field('Sanksi berlaku', 'Sanction in force', report.sanction ? sanctionText(report.sanction.sanction).id : undefined)}
${field('Diterima', 'Received', formatLocal(report.createdAt, words.timeZone))}
</dl>${decisions.length ? html`<p><strong>Keputusan</strong> <span class="en">Decisions</span></p><ul class="decisions">${decisions}</ul>` : ''}</div>`;
}

function accessRows(entries: AccessEntry[], words: RegionWords): SafeHtml {
  if (!entries.length) return html`<p class="muted">Belum ada. <span class="en">None yet.</span></p>`;
  const rows = entries.map((entry) => {
    const label = ROUTE_LABELS.get(entry.route);
    return html`<tr><td class="when">${formatLocal(entry.at, words.timeZone)}</td><td>${label ? label.id : entry.route}</td><td><code>${entry.keyId}</code></td></tr>`;
  });
  return html`<table><thead><tr><th>Waktu</th><th>Akses</th><th>Kunci API</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function name(record: PersonRecord): string | undefined {
  return record.reports[0]?.employee.name ?? record.signatures[0]?.name ?? record.satgas[0]?.name;
}

export function personRecordResponse(page: PersonRecordPage) {
  const { record, words, opdNames } = page;
  const signatures = record.signatures.map((s) => html`<li>${KIND_LABELS[s.kind]} · ${ELECTIONS[s.electionId].name} · ${opdNames.get(s.opdId) ?? s.opdId} · <span class="when">${formatLocal(s.signedAt, words.timeZone)}</span></li>`);
  const satgas = record.satgas.map((m) => html`<li>${ROLE_LABELS[m.role]} Satgas netralitas ${opdNames.get(m.opdId) ?? m.opdId} · SK ${m.decree.number} (${m.decree.date})${m.email ? ` · ${m.email}` : ''}</li>`);
  const none = html`<p class="muted">Tidak ada. <span class="en">None.</span></p>`;
  return htmlResponse(
    200,
    `Data pribadi NIP ${record.nip}`,
    html`<h1>Data Pribadi yang Disimpan</h1>
<p class="en">Personal data held (UU 27/2022, Art. 32)</p>
<div class="card"><dl class="summary">
${field('NIP', 'NIP', record.nip)}
${field('Nama', 'Name', name(record))}
${field('Pengendali data', 'Controller', `${words.agencyFull}`)}
${field('Per', 'As of', formatLocal(record.generatedAt, words.timeZone))}
</dl></div>
<h2>Laporan tentang pegawai ini <span class="en">Reports about this employee</span> (${record.reports.length})</h2>
${record.reports.length ? record.reports.map((report) => reportCard(report, page)) : none}
<h2>Tanda tangan ikrar <span class="en">Pledge signatures</span> (${record.signatures.length})</h2>
${signatures.length ? html`<ul>${signatures}</ul>` : none}
<h2>Keanggotaan Satgas <span class="en">Satgas memberships</span> (${record.satgas.length})</h2>
${satgas.length ? html`<ul>${satgas}</ul>` : none}
<h2>Catatan akses <span class="en">Who read it</span></h2>
${accessRows(record.accessLog, words)}
${record.truncated ? html`<p class="muted">Daftar dipotong pada 100 baris. <span class="en">A list was cut at 100 rows.</span></p>` : ''}
<p class="muted">Identitas pelapor dan nama pejabat pemutus tidak dicantumkan. Disusun oleh ${words.agencyFull}. <span class="en">The reporter's identity and the approvers' names are not shown.</span></p>`,
  );
}
