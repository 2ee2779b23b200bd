// The case file (berkas perkara): one printable A4 document of a report, in Indonesian with English below the
// headings. Built from an allow-list like the case summary: the reporter's identity is not in it.
import { createHash } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { LEVELS, SANCTIONS } from '#domain/codes';
import { actionLabel, actorLabel } from '#domain/code-words';
import { recommendationOf, SOURCE_LABELS } from '#domain/recommendation';
import type { TimelineEntry } from '#domain/report.schema';
import { formatLocal } from '#domain/time-zones';
import type { CaseFileData } from '#domain/case-file';
import { caseFacts, outcomeLabel, regionWords, statusLabel, stepLabel, type RegionWords } from '#domain/case-facts';
import { APPEAL_KIND_LABELS, APPEAL_OUTCOME_LABELS, APPEAL_STATUS_LABELS, type SanctionRecord } from '#domain/appeals';
import { joined } from '#domain/messages';
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
.meta{color:#444;font-size:9pt}.carried{margin:2px 0 0;padding:2px 6px;border-left:3px solid #1f4e8c;background:#eef3fa}.ok{color:#185c2b}.bad{color:#8a1c10;font-weight:bold}
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

/** What each notice to Bawaslu carried: entry number → the notice entries (e-mail, webhook) that sent its hash. */
function noticesCarrying(timeline: TimelineEntry[]): Map<number, { number: number; entry: TimelineEntry }[]> {
  const byHash = new Map(timeline.map((entry, i) => [entry.hash, i + 1]));
  const out = new Map<number, { number: number; entry: TimelineEntry }[]>();
  timeline.forEach((entry, i) => {
    const target = entry.carried ? byHash.get(entry.carried) : undefined;
    if (target) out.set(target, [...(out.get(target) ?? []), { number: i + 1, entry }]);
  });
  return out;
}

const noticeName = (entry: TimelineEntry) => (entry.event ? `webhook ${entry.event}` : 'e-mail');

function timelineEntry(entry: TimelineEntry, number: number, words: RegionWords, carriedBy: { number: number; entry: TimelineEntry }[]): SafeHtml {
  const action = actionLabel(entry.action, words.agency);
  const actor = actorLabel(entry.actor, words.agency);
  const status = entry.status ? statusLabel(entry.status, words) : undefined;
  return html`<div class="entry" id="entri-${String(number)}"><strong>${number}. ${action.id}</strong> <span class="en">${action.en}</span>
<br><span class="meta">${when(entry.at, words.timeZone)} · ${actor.id}${entry.by ? ` (${entry.by})` : ''}${status ? ` · status: ${status.id}` : ''}${entry.event ? ` · webhook ${entry.event}` : ''}</span>
${entry.note ? html`<br>${entry.note}` : ''}
<br><span class="hash">${entry.hash ?? '(tanpa hash / no hash)'}</span>
${carriedBy.length ? html`<p class="carried">Hash ini dikirim ke Bawaslu oleh ${carriedBy.map((c, i) => html`${i ? ' dan ' : ''}${noticeName(c.entry)} (entri ${c.number})`)}. <span class="en">This hash was sent to Bawaslu by ${carriedBy.map((c, i) => `${i ? ' and ' : ''}${noticeName(c.entry)} (entry ${c.number})`).join('')}: a notice carries the hash of the chain as it was when it went out, so its own entry comes after.</span></p>` : ''}</div>`;
}

export function caseFileDocument(input: CaseFileData): string {
  const { report, region, timeZone: zone, chain } = input;
  const words = regionWords({ ...region, timeZone: zone }, region.id);
  const facts = caseFacts(report, words, input.opdName);
  const recommendation = recommendationOf(report);
  const source = SOURCE_LABELS[report.source.kind];
  const carried = noticesCarrying(report.timeline);
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
${field('Status', 'Status', `${statusLabel(report.status, words).id} / ${statusLabel(report.status, words).en}`)}
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
${field('Tahap', 'Step', `${stepLabel(d.step, words).id} / ${stepLabel(d.step, words).en}`)}
${field('Oleh', 'Who', `${d.by.name} (${actorLabel(d.by.role, words.agency).id})`)}
${field('Waktu', 'When', when(d.at, zone))}
${field('Keputusan', 'What', `${outcomeLabel(d.outcome, words).id} / ${outcomeLabel(d.outcome, words).en}${d.level ? `; ${LEVELS[d.level].id}` : ''}${d.sanction ? `; ${SANCTIONS[d.sanction].id}` : ''}${d.decreeNumber ? `; SK ${d.decreeNumber}` : ''}`)}
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
${field('Status', 'Status', joined(APPEAL_STATUS_LABELS[appeal.status]))}
${field('Alasan pegawai', 'Grounds', appeal.grounds)}
${appeal.decideBy ? field('Diputus paling lambat', 'Decide by', when(appeal.decideBy, zone)) : ''}
${appeal.decision ? html`${field('Putusan', 'Outcome', `${APPEAL_OUTCOME_LABELS[appeal.decision.outcome].id} / ${APPEAL_OUTCOME_LABELS[appeal.decision.outcome].en}${appeal.decision.sanction ? `; ${SANCTIONS[appeal.decision.sanction].id}` : ''}${appeal.decision.decisionNumber ? `; nomor ${appeal.decision.decisionNumber}` : ''}`)}
${field('Diputus', 'Decided', `${when(appeal.decision.decidedAt, zone)} · ${appeal.decision.by.name}`)}` : ''}
${appeal.calendarNote ? field('Catatan kalender', 'Calendar note', appeal.calendarNote) : ''}
</dl></div>`)}` : ''}

<h2>Linimasa dan rantai hash <span class="en">Timeline and its hash chain</span></h2>
<p class="meta">Setiap entri membawa SHA-256 dari hash entri sebelumnya (entri pertama: id laporan) dan JSON kanonik entri itu. <span class="en">Each entry carries the SHA-256 of the previous entry's hash (the first: the report id) and its canonical JSON.</span></p>
<p class="meta">Pemberitahuan ke Bawaslu membawa hash linimasa saat dikirim: cari hash itu di bawah (ditandai), atau periksa dengan <code>npm run admin -- report verify --region ${region.id} --id ${report.id} --hash &lt;hash&gt;</code>. <span class="en">A notice to Bawaslu carries the timeline hash of the moment it was sent: find it below (marked), or check it with the command.</span></p>
${report.timeline.map((entry, i) => timelineEntry(entry, i + 1, words, carried.get(i + 1) ?? []))}
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
