// The national follow-up page: every region's recommendations, worst on-time rate first, an inline SVG bar chart
// of the on-time rates (no script, the pages' strict CSP), the actions taken, and the date it was produced; and
// the same rows as CSV.
import { ELECTIONS } from '#domain/elections';
import { formatLocal } from '#domain/time-zones';
import { NATIONAL_ACTION_KINDS, NATIONAL_ACTIONS, type FollowUp, type RegionFollowUp } from '#domain/national.schema';
import { html, htmlResponse, type SafeHtml } from './html.ts';

/** The national bodies read in WIB (Jakarta), where both sit. */
const ZONE = 'Asia/Jakarta';
const percent = (rate: number | null) => (rate === null ? '-' : `${Math.round(rate * 100)}%`);
const days = (value: number | null) => (value === null ? '-' : `${value} hari`);

// The drawing's own units; width="100%" shrinks it to a 360 px phone and keeps it whole on a desktop.
const LABEL_W = 150, BAR_W = 170, VALUE_W = 44, ROW_H = 22, HEAD_H = 24;

function barColour(rate: number | null): string {
  if (rate === null) return '#c6ced6';
  return rate < 0.5 ? '#c8382a' : rate < 0.8 ? '#ef9a4a' : '#2f7d4f';
}

function chart(regions: RegionFollowUp[]): SafeHtml {
  const width = LABEL_W + BAR_W + VALUE_W;
  const height = HEAD_H + regions.length * ROW_H + 6;
  const rows = regions.map((region, i) => {
    const y = HEAD_H + i * ROW_H;
    const bar = region.onTimeRate === null ? 0 : Math.round(region.onTimeRate * BAR_W);
    const label = region.name.replace(/^Kabupaten /, 'Kab. ');
    return html`<g data-region="${region.regionId}" data-rate="${region.onTimeRate ?? ''}"><title>${region.name}: ${percent(region.onTimeRate)} tepat waktu (${region.closedOnTime} dari ${region.closed} selesai)</title><text x="${LABEL_W - 6}" y="${y + 15}" text-anchor="end" font-size="12">${label}</text><rect x="${LABEL_W}" y="${y + 4}" width="${BAR_W}" height="${ROW_H - 8}" fill="#eef1f4"/><rect x="${LABEL_W}" y="${y + 4}" width="${bar}" height="${ROW_H - 8}" fill="${barColour(region.onTimeRate)}"/><text x="${LABEL_W + BAR_W + 4}" y="${y + 15}" font-size="12">${percent(region.onTimeRate)}</text></g>`;
  });
  const ticks = [0, 50, 100].map((tick) => html`<text x="${LABEL_W + (tick / 100) * BAR_W}" y="${HEAD_H - 8}" text-anchor="${tick === 100 ? 'end' : tick === 0 ? 'start' : 'middle'}" font-size="11" fill="#5b6773">${tick}%</text>`);
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="Persentase tindak lanjut tepat waktu per daerah" font-family="system-ui, sans-serif" fill="#1d2733">${ticks}${rows}</svg>`;
}

function actionsLine(region: RegionFollowUp): string {
  const taken = NATIONAL_ACTION_KINDS.filter((kind) => region.actions[kind] > 0).map((kind) => `${NATIONAL_ACTIONS[kind].id}: ${region.actions[kind]}`);
  return taken.length ? taken.join('; ') : 'belum ada';
}

function regionCard(region: RegionFollowUp): SafeHtml {
  return html`<div class="card" data-region="${region.regionId}">
<h3>${region.name} <span class="en">${region.agencyName} ${region.name} · ${region.regionId}</span></h3>
<dl>
<dt>Rekomendasi <span class="en">Recommendations</span></dt><dd data-field="recommendations">${region.recommendations}</dd>
<dt>Belum selesai <span class="en">Open</span></dt><dd data-field="open">${region.open}</dd>
<dt>Melewati tenggat <span class="en">Overdue</span></dt><dd data-field="overdue">${region.overdue ? html`<strong>${region.overdue}</strong>` : '0'}</dd>
<dt>Selesai <span class="en">Closed</span></dt><dd data-field="closed">${region.closed} (tepat waktu <span class="en">on time</span> ${region.closedOnTime})</dd>
<dt>Tepat waktu <span class="en">On-time rate</span></dt><dd data-field="onTimeRate">${percent(region.onTimeRate)}</dd>
<dt>Median penyelesaian <span class="en">Median days to close</span></dt><dd data-field="medianDaysToClose">${days(region.medianDaysToClose)}</dd>
<dt>Tindakan nasional <span class="en">National actions</span></dt><dd data-field="actions">${actionsLine(region)}</dd>
</dl></div>`;
}

export function followUpPage(followUp: FollowUp) {
  const { totals, regions } = followUp;
  const produced = formatLocal(followUp.generatedAt, ZONE);
  const title = `Tindak Lanjut Rekomendasi Netralitas ASN · ${ELECTIONS[followUp.electionId].name}`;
  return htmlResponse(
    200,
    title,
    html`<h1>Tindak Lanjut Rekomendasi Netralitas ASN</h1>
<p class="en">Follow-up of ASN neutrality recommendations, every region</p>
<div class="card"><dl>
<dt>Pemilihan <span class="en">Election</span></dt><dd>${ELECTIONS[followUp.electionId].name}</dd>
<dt>Daerah <span class="en">Regions</span></dt><dd>${totals.regions}</dd>
<dt>Rekomendasi <span class="en">Recommendations</span></dt><dd>${totals.recommendations} (belum selesai <span class="en">open</span> ${totals.open}, melewati tenggat <span class="en">overdue</span> <strong>${totals.overdue}</strong>)</dd>
<dt>Selesai tepat waktu <span class="en">Closed on time</span></dt><dd>${totals.closedOnTime} dari ${totals.closed} (${percent(totals.onTimeRate)})</dd>
<dt>Dibuat <span class="en">Produced</span></dt><dd><span class="when" data-field="generatedAt">${produced}</span></dd>
</dl></div>
<h2>Tepat waktu per daerah <span class="en">On-time rate by region</span></h2>
<p class="muted">Terburuk di atas; abu-abu: belum ada yang selesai. <span class="en">Worst first; grey: none closed yet.</span></p>
${regions.length ? chart(regions) : html`<p class="muted">Belum ada rekomendasi. <span class="en">No recommendations yet.</span></p>`}
<h2>Rincian per daerah <span class="en">By region</span></h2>
${regions.map(regionCard)}
<p class="muted">Hanya angka: tidak ada nama pegawai atau pelapor. Dibuat ${produced}. <span class="en">Counts only: no employee or reporter is named.</span></p>`,
  );
}

export const FOLLOW_UP_CSV_HEADER = ['regionId', 'name', 'agencyName', 'recommendations', 'open', 'closed', 'closedOnTime', 'overdue', 'onTimeRate', 'medianDaysToClose', ...NATIONAL_ACTION_KINDS] as const;

/** The rows of the CSV: the same figures as the JSON, worst first. */
export function followUpRows(followUp: FollowUp): (string | number)[][] {
  return [
    [...FOLLOW_UP_CSV_HEADER],
    ...followUp.regions.map((r) => [
      r.regionId, r.name, r.agencyName, r.recommendations, r.open, r.closed, r.closedOnTime, r.overdue,
      r.onTimeRate === null ? '' : r.onTimeRate.toFixed(4), r.medianDaysToClose ?? '', ...NATIONAL_ACTION_KINDS.map((kind) => r.actions[kind]),
    ]),
  ];
}
