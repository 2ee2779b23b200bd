// The case file (berkas perkara): one printable A4 document of a report, in Indonesian with English below the
// headings. Built from an allow-list like the case summary: the reporter's identity is not in it.
import { createHash } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { LEVELS, SANCTIONS, STATUS_LABELS } from '#domain/codes';
import { recommendationOf, SOURCE_LABELS } from '#domain/recommendation';
import { formatLocal } from '#domain/time-zones';
import { OUTCOME_LABELS, STEPS } from '#domain/workflow';
import type { CaseFileData } from '#domain/case-file';
import { caseFacts, regionWords } from '#domain/case-facts';
import { APPEAL_KIND_LABELS, APPEAL_OUTCOME_LABELS, type SanctionRecord } from '#domain/appeals';
import { html, htmlDocument, type SafeHtml } from './html.ts';

const STYLE = `
@page{size:A4;margin:16mm 14mm 18mm}
:root{color-scheme:light}
body{margin:0;font-family:"Noto Serif","DejaVu Serif",Georgia,serif;font-size:10.5pt;line-height:1.45;color:#111;background:#fff}
main{max-width:182mm;margin:0 auto;padding:12px}
h1{font-size:15pt;margin:0 0 2px}h2{font-size:11.5pt;margin:16px 0 4px;border-bottom:1px solid #999;padding-bottom:2px;break-after:avoid}
.en{display:block;color:#555;font-size:.85em;font-weight:normal}
h1 .en,h2 .en{display:inline;margin-left:.4em}
dl{display:grid;grid-template-columns:minmax(7rem,32%) 1fr;gap:2px 10px;margin:4px 0}dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}
.entry{border-top:1px solid #ccc;padding:4px 0;break-inside:avoid}.entry:first-child{border-top:0}
.hash{font-family:"DejaVu Sans Mono",monospace;font-size:7.5pt;word-break:break-all;color:#333}
.meta{color:#444;font-size:9pt}.ok{color:#185c2b}.bad{color:#8a1c10;font-weight:bold}
footer{margin-top:18px;border-top:1px solid #999;padding-top:4px;font-size:8.5pt;color:#444}
@media (max-width:480px){dl{grid-template-columns:1fr}dt{margin-top:4px}main{padding:10px}}
@media print{main{max-width:none;padding:0}a{color:inherit;text-decoration:none}}
`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

function field(id: string, en: string, value: SafeHtml | string): SafeHtml {
  return html`<dt>${id}<span class="en">${en}</span></dt><dd>${value}</dd>`;
}

function when(at: string, zone: string): string {
  return formatLocal(at, zone);
}

const APPEAL_STATUS_LABELS = {
  OPEN: 'Menunggu putusan / awaiting its decision', NOT_ADMISSIBLE: 'Tidak dapat diterima (lewat batas) / not admissible (late)', DECIDED: 'Diputus / decided',
} as const;

/** One sanction record: what, which decree, and its delivery and appeal window once recorded. */
function sanctionFields(sanction: SanctionRecord, zone: string): SafeHtml {
  return html`${field('Tingkat', 'Level', `${LEVELS[sanction.level].id} / ${LEVELS[sanction.level].en}`)}
${field('Jenis sanksi', 'Sanction', `${SANCTIONS[sanction.sanction].id} / ${SANCTIONS[sanction.sanction].en}`)}
${field('Nomor SK', 'Decree number', sanction.decreeNumber)}
${sanction.deliveredAt ? field('SK diterima', 'Decree delivered', when(sanction.deliveredAt, zone)) : ''}
${sanction.appealBy ? field('Batas keberatan/banding', 'Appeal by', `${when(sanction.appealBy, zone)} (14 hari kerja / working days)`) : ''}
${sanction.effectiveAt ? field('Berlaku', 'Takes effect', when(sanction.effectiveAt, zone)) : ''}
${sanction.calendarNote ? field('Catatan kalender', 'Calendar note', sanction.calendarNote) : ''}
${sanction.until ? field('Diganti/dibatalkan', 'Replaced or annulled', when(sanction.until, zone)) : ''}`;
}

export function caseFileDocument(input: CaseFileData): string {
  const { report, region, timeZone: zone, chain } = input;
  const words = regionWords({ ...region, timeZone: zone }, region.id);
  const facts = caseFacts(report, words, input.opdName);
  const recommendation = recommendationOf(report);
  const source = SOURCE_LABELS[report.source.kind];
  const body = html`<main>
<h1>Berkas Perkara Dugaan Pelanggaran Netralitas ASN<span class="en">Case file: suspected ASN neutrality violation</span></h1>
<p class="meta">${region.name} (${region.id}) · ${region.agencyName} ${region.name} · Laporan / Report ${report.id} · ${report.receiptCode}</p>

<h2>Daerah dan instansi <span class="en">Region and agency</span></h2>
<dl>
${field('Daerah', 'Region', `${region.name} (${region.id})`)}
${field('Instansi kepegawaian', 'Civil-service agency', `${region.agencyName} ${region.name}`)}
${field('OPD terlapor', "Employee's unit", facts.employee.opd)}
</dl>

<h2>Ringkasan kasus <span class="en">Case summary</span></h2>
<dl>
${field('Status', 'Status', `${STATUS_LABELS[report.status].id} / ${STATUS_LABELS[report.status].en}`)}
${field('Diterima', 'Received', when(report.createdAt, zone))}
${field('Kategori', 'Category', `${facts.category.id} / ${facts.category.en}`)}
${field('Tahapan', 'Stage', `${facts.stage.id} / ${facts.stage.en}`)}
${field('Tanggal kejadian', 'Incident date', facts.incidentDate)}
${field('Lokasi', 'Location', facts.location)}
${field('Terlapor', 'Employee', `${facts.employee.name}, NIP ${facts.employee.nip}, ${facts.employee.position} (${facts.employee.employmentType})`)}
${field('Uraian', 'Description', facts.description)}
${facts.evidenceUrls.length ? field('Bukti', 'Evidence', html`${facts.evidenceUrls.map((url) => html`${url}<br>`)}`) : ''}
${field('Pelapor', 'Reporter', 'Identitas pelapor dirahasiakan / the reporter\'s identity is confidential')}
</dl>

<h2>Sumber dan rekomendasi <span class="en">Source and recommendation</span></h2>
<dl>
${field('Sumber', 'Source', `${source.id} / ${source.en}`)}
${recommendation ? html`${field('Nomor', 'Number', recommendation.number)}
${field('Tanggal terbit', 'Issued', recommendation.issuedAt)}
${field('Tenggat tindak lanjut', 'Follow up by', recommendation.dueAt ?? '-')}
${field('Tingkat direkomendasikan', 'Recommended level', recommendation.recommendedLevel ? `${LEVELS[recommendation.recommendedLevel].id} / ${LEVELS[recommendation.recommendedLevel].en}` : '-')}
${field('Sanksi direkomendasikan', 'Recommended sanction', recommendation.recommendedSanction ? `${SANCTIONS[recommendation.recommendedSanction].id} / ${SANCTIONS[recommendation.recommendedSanction].en}` : '-')}` : ''}
</dl>

<h2>Keputusan <span class="en">Decisions</span></h2>
${report.decisions.length ? html`<div>${report.decisions.map((d) => html`<div class="entry"><dl>
${field('Tahap', 'Step', `${STEPS[d.step].id} / ${STEPS[d.step].en}`)}
${field('Oleh', 'Who', `${d.by.name} (${d.by.role})`)}
${field('Waktu', 'When', when(d.at, zone))}
${field('Keputusan', 'What', `${OUTCOME_LABELS[d.outcome].id} / ${OUTCOME_LABELS[d.outcome].en}${d.level ? `; ${LEVELS[d.level].id}` : ''}${d.sanction ? `; ${SANCTIONS[d.sanction].id}` : ''}${d.decreeNumber ? `; SK ${d.decreeNumber}` : ''}`)}
${field('Alasan', 'Why', d.notes ?? '-')}
</dl></div>`)}</div>` : html`<p>Belum ada keputusan / no decision yet.</p>`}

<h2>Sanksi <span class="en">Sanction</span></h2>
<dl>
${report.sanction ? sanctionFields(report.sanction, zone) : field('Sanksi', 'Sanction', report.status === 'DISMISSED' ? 'Tidak ada: laporan dihentikan / none: dismissed' : 'Belum ada / none yet')}
</dl>
${report.sanctionHistory?.length ? html`<p class="meta">Sanksi sebelumnya <span class="en">Earlier sanctions</span></p>${report.sanctionHistory.map((earlier) => html`<div class="entry"><dl>${sanctionFields(earlier, zone)}</dl></div>`)}` : ''}

${report.appeals?.length ? html`<h2>Keberatan dan banding <span class="en">Objections and appeals</span></h2>
${report.appeals.map((appeal) => html`<div class="entry"><dl>
${field('Jenis', 'Kind', `${APPEAL_KIND_LABELS[appeal.kind].id} / ${APPEAL_KIND_LABELS[appeal.kind].en}`)}
${field('Diajukan', 'Filed', when(appeal.filedAt, zone))}
${field('Status', 'Status', APPEAL_STATUS_LABELS[appeal.status])}
${field('Alasan pegawai', 'Grounds', appeal.grounds)}
${appeal.decideBy ? field('Diputus paling lambat', 'Decide by', when(appeal.decideBy, zone)) : ''}
${appeal.decision ? html`${field('Putusan', 'Outcome', `${APPEAL_OUTCOME_LABELS[appeal.decision.outcome].id} / ${APPEAL_OUTCOME_LABELS[appeal.decision.outcome].en}${appeal.decision.sanction ? `; ${SANCTIONS[appeal.decision.sanction].id}` : ''}${appeal.decision.decisionNumber ? `; nomor ${appeal.decision.decisionNumber}` : ''}`)}
${field('Diputus', 'Decided', `${when(appeal.decision.decidedAt, zone)} · ${appeal.decision.by.name}`)}` : ''}
${appeal.calendarNote ? field('Catatan kalender', 'Calendar note', appeal.calendarNote) : ''}
</dl></div>`)}` : ''}

<h2>Linimasa dan rantai hash <span class="en">Timeline and its hash chain</span></h2>
<p class="meta">Setiap entri membawa SHA-256 dari hash entri sebelumnya (entri pertama: id laporan) dan JSON kanonik entri itu. <span class="en">Each entry carries the SHA-256 of the previous entry's hash (the first: the report id) and its canonical JSON.</span></p>
${report.timeline.map((entry, i) => html`<div class="entry"><strong>${i + 1}. ${entry.action}</strong> · ${when(entry.at, zone)} · ${entry.actor}${entry.by ? ` (${entry.by})` : ''}${entry.status ? ` · ${entry.status}` : ''}${entry.event ? ` · ${entry.event}` : ''}
${entry.note ? html`<br>${entry.note}` : ''}
<br><span class="hash">${entry.hash ?? '(tanpa hash / no hash)'}</span></div>`)}
<dl>
${field('Hash linimasa', 'Timeline hash', html`<span class="hash">${report.timelineHash ?? '-'}</span>`)}
${field('Pemeriksaan rantai', 'Chain check', chain.intact ? html`<span class="ok">Utuh saat berkas dibuat / intact when produced (${chain.entries} entri)</span>` : html`<span class="bad">TIDAK COCOK mulai entri ${chain.index + 1} / DOES NOT MATCH from entry ${chain.index + 1}</span>`)}
${report.timelineMigratedAt ? field('Catatan', 'Note', `Rantai laporan lama ini dihitung belakangan pada ${when(report.timelineMigratedAt, zone)} / this older report's chain was computed after the fact`) : ''}
</dl>

<footer>Dibuat / Produced ${formatLocal(input.producedAt, zone)} oleh netra · Periksa: <code>npm run admin -- report verify --region ${region.id} --id ${report.id}</code></footer>
</main>`;
  return htmlDocument(`Berkas perkara ${report.receiptCode} · ${region.name}`, STYLE, body.value);
}

export function caseFileResponse(input: CaseFileData): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    },
    body: caseFileDocument(input),
  };
}
