// The guidance catalogue at the point of decision: the report's acts, their sanction paths in plain words and
// their basis, on BKPP's and the PPK's pages. Self-contained, so the decision page only places it.
import { LEVELS, SANCTIONS, type Level } from '#domain/codes';
import { actsFor, levelsOnPaths, CURRENT_GUIDANCE, type GuidanceAct } from '#domain/guidance';
import type { StoredReport } from '#domain/report.schema';
import { html, type SafeHtml } from './html.ts';

type ReportActs = Pick<StoredReport, 'category' | 'actCode'>;

function paths(act: GuidanceAct): SafeHtml[] {
  const out: SafeHtml[] = [];
  if (act.ethics) {
    const sanctions = act.ethics.sanctions.map((code) => SANCTIONS[code].id.toLowerCase()).join(' atau ');
    const en = act.ethics.sanctions.map((code) => SANCTIONS[code].en.toLowerCase()).join(' or ');
    out.push(html`<li><strong>Kode etik</strong>: sanksi moral, ${sanctions} (PP 42/2004). <span class="en">Code of ethics: a moral sanction, ${en}.</span></li>`);
  }
  if (act.discipline) {
    const levels = act.discipline.levels.map((level) => LEVELS[level].id.replace(/ \(PP 94\/2021\)$/, '').toLowerCase()).join(' atau ');
    const en = act.discipline.levels.map((level) => LEVELS[level].en.replace(/ \(PP 94\/2021\)$/, '').toLowerCase()).join(' or ');
    out.push(html`<li><strong>Disiplin</strong>: ${levels} (PP 94/2021). <span class="en">Discipline: ${en}.</span></li>`);
  }
  return out;
}

/** The levels on a path of the report's acts (empty when the catalogue has none for it). */
export function guidanceLevels(report: ReportActs): Level[] {
  return levelsOnPaths(actsFor(report));
}

/** The mark beside a level (or a sanction of that level) the catalogue gives for this report. */
export function guidanceMark(level: Level, levels: readonly Level[]): string {
  return levels.includes(level) ? ' ✓ sesuai panduan / per guidance' : '';
}

export function guidanceBlock(report: ReportActs): SafeHtml {
  const acts = actsFor(report);
  if (!acts.length) {
    return html`<section class="card" aria-labelledby="guidance-title"><h2 id="guidance-title">Panduan sanksi <span class="en">Sanction guidance</span></h2>
<p>Katalog panduan tidak memuat tindakan untuk kategori ini; pilih tingkat sesuai pertimbangan Anda dan tulis alasannya. <span class="en">The guidance catalogue has no act for this category: choose by your own judgement and give reasons.</span></p></section>`;
  }
  const levels = levelsOnPaths(acts);
  return html`<section class="card" aria-labelledby="guidance-title"><h2 id="guidance-title">Panduan sanksi <span class="en">Sanction guidance</span></h2>
<p>${report.actCode ? 'Tindakan yang dilaporkan' : 'Tindakan dalam kategori laporan ini'} menurut pedoman bersama 2022 (katalog ${CURRENT_GUIDANCE.version}). <span class="en">${report.actCode ? 'The reported act' : "The acts of this report's category"} under the 2022 joint guidance.</span></p>
${acts.map((act) => html`<article>
<h3>${act.title.id} <span class="en">${act.title.en}</span></h3>
<p>${act.description.id} <span class="en">${act.description.en}</span></p>
<p>Jalur sanksi <span class="en">Sanction paths</span>:</p><ul>${paths(act)}</ul>
<details><summary>Dasar hukum <span class="en">Legal basis</span></summary><ul>${act.basis.map((basis) => html`<li>${basis}</li>`)}</ul></details>
</article>`)}
<p><strong>Tingkat sesuai panduan <span class="en">Levels per the guidance</span>:</strong> ${levels.map((level, i) => html`${i ? ', ' : ''}<mark>${LEVELS[level].id}</mark>`)}</p>
<p>Tingkat lain boleh dipilih, dengan alasan di catatan; keputusan itu dicatat sebagai di luar panduan. <span class="en">Another level may be chosen with reasons in the notes; it is recorded as outside the guidance.</span></p>
</section>`;
}
