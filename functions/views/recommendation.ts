// The recommendation block of the BKPP and PPK pages: what BKN or Bawaslu found and recommended, and by when.
import { LEVELS, SANCTIONS } from '#domain/codes';
import { SOURCE_LABELS, type Recommendation } from '#domain/recommendation';
import { html, type SafeHtml } from './html.ts';

export function recommendationCard(recommendation: Recommendation): SafeHtml {
  const label = SOURCE_LABELS[recommendation.kind];
  return html`<div class="card recommendation"><strong>${label.id} <span class="en">${label.en}</span></strong>
<dl>
<dt>Nomor <span class="en">Number</span></dt><dd>${recommendation.number}</dd>
<dt>Tanggal terbit <span class="en">Issued</span></dt><dd>${recommendation.issuedAt}</dd>
${recommendation.dueAt ? html`<dt>Tenggat tindak lanjut <span class="en">Follow up by</span></dt><dd>${recommendation.dueAt}</dd>` : ''}
${recommendation.recommendedLevel ? html`<dt>Tingkat <span class="en">Level</span></dt><dd>${LEVELS[recommendation.recommendedLevel].id} <span class="en">${LEVELS[recommendation.recommendedLevel].en}</span></dd>` : ''}
${recommendation.recommendedSanction ? html`<dt>Sanksi <span class="en">Sanction</span></dt><dd>${SANCTIONS[recommendation.recommendedSanction].id} <span class="en">${SANCTIONS[recommendation.recommendedSanction].en}</span></dd>` : ''}
</dl>
<p class="muted">Sudah diperiksa oleh ${recommendation.kind === 'BKN_RECOMMENDATION' ? 'BKN' : 'Bawaslu'}. Keputusan yang berbeda dari rekomendasi wajib disertai alasan. <span class="en">A decision that departs from the recommendation needs notes saying why.</span></p></div>`;
}
