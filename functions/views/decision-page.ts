// The decision page an approver reaches from an e-mail: the case, the decisions so far, and a form that
// works without JavaScript. Submitting it shows what was recorded.
import type { APIGatewayProxyResult } from 'aws-lambda';
import { LEVEL_CODES, LEVELS, SANCTION_CODES, SANCTIONS, STATUS_LABELS, type Level } from '#domain/codes';
import type { FieldError } from '#domain/errors';
import type { Decision } from '#domain/report.schema';
import { OUTCOME_LABELS, STEPS, type DecisionForm } from '#domain/workflow';
import type { OpenDecision } from '#use-cases/decisions';
import { addressOf } from '#domain/acting';
import { caseHtml, decisionLine, wib } from './case-summary.ts';
import { guidanceBlock, guidanceLevels, guidanceMark } from './guidance-block.ts';
import { html, htmlResponse, type SafeHtml } from './html.ts';

function fieldError(errors: FieldError[], name: string): SafeHtml | string {
  const messages = errors.filter((e) => e.path === name).map((e) => e.message);
  return messages.length ? html`<span class="field-error" id="${name}-error">${messages.join('; ')}</span>` : '';
}

function levelSelect(selected: string | undefined, errors: FieldError[], marked: readonly Level[]): SafeHtml {
  return html`<label for="level">Tingkat sanksi <span class="en">Level</span></label>
<select id="level" name="level">
<option value="">— pilih / choose —</option>
${LEVEL_CODES.map((level) => html`<option value="${level}"${selected === level ? html` selected` : ''}>${LEVELS[level].id} / ${LEVELS[level].en}${guidanceMark(level, marked)}</option>`)}
</select>${fieldError(errors, 'level')}`;
}

function sanctionSelect(selected: string | undefined, errors: FieldError[], marked: readonly Level[]): SafeHtml {
  return html`<label for="sanction">Jenis sanksi <span class="en">Sanction</span> (harus sesuai tingkatnya / must belong to its level)</label>
<select id="sanction" name="sanction">
<option value="">— pilih / choose —</option>
${LEVEL_CODES.map((level: Level) => html`<optgroup label="${LEVELS[level].id}${guidanceMark(level, marked)}">${SANCTION_CODES.filter((code) => SANCTIONS[code].level === level).map((code) => html`<option value="${code}"${selected === code ? html` selected` : ''}>${SANCTIONS[code].id} / ${SANCTIONS[code].en}</option>`)}</optgroup>`)}
</select>${fieldError(errors, 'sanction')}`;
}

/** The form page: 200 when opened, 400 with the errors and the values kept when a submission was invalid. */
export function decisionFormPage(opened: OpenDecision, options: { errors?: FieldError[]; values?: DecisionForm } = {}): APIGatewayProxyResult {
  const { record, facts, report } = opened;
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  const step = STEPS[record.step];
  const recommended = [...report.decisions].reverse().find((d) => d.step === 'BKPP_ASSESSMENT' && d.outcome === 'RECOMMEND');
  const level = values.level ?? (record.step === 'PPK_DECISION' ? recommended?.level : undefined);
  const sanction = values.sanction ?? (record.step === 'PPK_DECISION' ? recommended?.sanction : undefined);
  const marked = record.step === 'OPD_REVIEW' ? [] : guidanceLevels(report);
  const outcomes = step.outcomes.map((outcome) => html`<label><input type="radio" name="outcome" value="${outcome}"${values.outcome === outcome ? html` checked` : ''} required> <strong>${OUTCOME_LABELS[outcome].id}</strong> <span class="en">${OUTCOME_LABELS[outcome].en}</span></label>`);
  const body = html`<h1>${step.id} <span class="en">${step.en}</span></h1>
<p>Yth. <strong>${addressOf(record.approver)}</strong>, laporan berikut menunggu keputusan Anda sampai <strong>${wib(record.expiresAt)}</strong>. Membuka halaman ini tidak mengubah apa pun.</p>
<p class="en">This report awaits your decision until ${wib(record.expiresAt)}. Opening this page changes nothing.</p>
${errors.length ? html`<div class="errors" role="alert"><strong>Periksa isian berikut / Please check:</strong><ul>${errors.map((e) => html`<li>${e.path}: ${e.message}</li>`)}</ul></div>` : ''}
${recommended && record.step === 'PPK_DECISION' ? html`<div class="card"><strong>Rekomendasi BKPP <span class="en">BKPP's recommendation</span>:</strong> ${LEVELS[recommended.level!].id} — ${SANCTIONS[recommended.sanction!].id}${recommended.notes ? html`<br><span class="muted">${recommended.notes}</span>` : ''}</div>` : ''}
<div class="card">${caseHtml(facts)}</div>
${record.step !== 'OPD_REVIEW' ? guidanceBlock(report) : ''}
<h2>Keputusan Anda <span class="en">Your decision</span></h2>
<form method="post" class="card">
<fieldset><legend>Keputusan <span class="en">Outcome</span></legend>${outcomes}${fieldError(errors, 'outcome')}</fieldset>
${record.step !== 'OPD_REVIEW' ? html`<fieldset><legend>Sanksi <span class="en">Sanction</span> (untuk ${OUTCOME_LABELS[step.outcomes[0]].id.toLowerCase()} / to ${OUTCOME_LABELS[step.outcomes[0]].en.toLowerCase()})</legend>${levelSelect(level, errors, marked)}${sanctionSelect(sanction, errors, marked)}
${record.step === 'PPK_DECISION' ? html`<label for="decreeNumber">Nomor SK <span class="en">Decree number</span></label><input type="text" id="decreeNumber" name="decreeNumber" maxlength="100" value="${values.decreeNumber ?? ''}">${fieldError(errors, 'decreeNumber')}` : ''}</fieldset>` : ''}
<label for="notes">Catatan / alasan <span class="en">Notes / reasons</span> (wajib bila dihentikan, atau bila tingkatnya di luar panduan / required to dismiss, or for a level outside the guidance)</label>
<textarea id="notes" name="notes" maxlength="2000">${values.notes ?? ''}</textarea>${fieldError(errors, 'notes')}
<p><button type="submit">Kirim keputusan <span class="en">Submit</span></button></p>
</form>`;
  return htmlResponse(errors.length ? 400 : 200, `${step.id}: ${facts.receiptCode}`, body);
}

export function decisionRecordedPage(opened: OpenDecision & { decision: Decision }): APIGatewayProxyResult {
  const { decision, facts, report } = opened;
  const body = html`<div class="ok" role="status"><h1>Keputusan tercatat <span class="en">Decision recorded</span></h1>
<p>${decisionLine(decision)}</p></div>
<p>Status laporan sekarang <strong>${STATUS_LABELS[report.status].id}</strong>. ${report.status === 'SANCTIONED' || report.status === 'DISMISSED' ? 'Bawaslu akan diberi tahu.' : 'Laporan diteruskan ke tahap berikutnya.'} Tautan ini tidak dapat dipakai lagi.</p>
<p class="en">The report is now: ${STATUS_LABELS[report.status].en}. ${report.status === 'SANCTIONED' || report.status === 'DISMISSED' ? 'Bawaslu will be notified.' : 'It goes on to the next step.'} This link cannot be used again.</p>
<div class="card">${caseHtml({ ...facts, decisions: report.decisions })}</div>`;
  return htmlResponse(200, `Keputusan tercatat: ${facts.receiptCode}`, body);
}
