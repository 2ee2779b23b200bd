// The decision page an approver reaches from an e-mail: the case, the decisions so far, and a form that
// works without JavaScript. Submitting it shows what was recorded.
import type { APIGatewayProxyResult } from 'aws-lambda';
import { LEVEL_CODES, LEVELS, SANCTION_CODES, SANCTIONS, type Level, type Sanction } from '#domain/codes';
import { APPEAL_OUTCOME_LABELS, APPEAL_OUTCOMES } from '#domain/appeals';
import type { FieldError } from '#domain/errors';
import type { LinkDecision } from '#domain/report.schema';
import { isClosed, STEPS, type DecisionForm } from '#domain/workflow';
import type { OpenDecision } from '#domain/decision-record';
import { addressOf } from '#domain/acting';
import { caseHtml, decisionHtml } from './case-summary.ts';
import { localTime, outcomeLabel, sanctionText, statusLabel, stepLabel } from '#domain/case-facts';
import { guidanceBlock, guidanceLevels, guidanceMark } from './guidance-block.ts';
import { recommendationOf } from '#domain/recommendation';
import { recommendationCard } from './recommendation.ts';

import { html, htmlResponse, type SafeHtml } from './html.ts';

const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  outcome: { id: 'Keputusan', en: 'Outcome' },
  level: { id: 'Tingkat sanksi', en: 'Level' },
  sanction: { id: 'Jenis sanksi', en: 'Sanction' },
  decreeNumber: { id: 'Nomor SK', en: 'Decree number' },
  notes: { id: 'Catatan', en: 'Notes' },
};

function fieldError(errors: FieldError[], name: string): SafeHtml | string {
  const messages = errors.filter((e) => e.path === name).map((e) => e.message);
  return messages.length ? html`<span class="field-error" id="${name}-error">${messages.join('; ')}</span>` : '';
}

const REQUIRED = html` <span class="req">(wajib <span class="en">required</span>)</span>`;

/** Radios, not a select: a closed select cuts a long label ("Hukuman disiplin sedang (PP") and its guidance mark. */
function levelChoice(selected: string | undefined, errors: FieldError[], marked: readonly Level[]): SafeHtml {
  return html`<fieldset id="level" class="choices"><legend>Tingkat sanksi <span class="en">Level</span></legend>
${LEVEL_CODES.map((level) => html`<label><input type="radio" name="level" value="${level}"${selected === level ? html` checked` : ''}> ${LEVELS[level].id} <span class="en">${LEVELS[level].en}</span>${guidanceMark(level, marked)}</label>`)}
${fieldError(errors, 'level')}</fieldset>`;
}

function sanctionChoice(selected: string | undefined, errors: FieldError[], marked: readonly Level[], offered: readonly Sanction[] = SANCTION_CODES): SafeHtml {
  return html`<fieldset id="sanction" class="choices"><legend>Jenis sanksi <span class="en">Sanction</span></legend>
<p class="muted">Harus sesuai tingkatnya <span class="en">Must belong to its level</span></p>
${LEVEL_CODES.filter((level) => offered.some((code) => SANCTIONS[code].level === level)).map((level: Level) => html`<p class="group">${LEVELS[level].id}${guidanceMark(level, marked)}</p>${offered.filter((code) => SANCTIONS[code].level === level).map((code) => html`<label><input type="radio" name="sanction" value="${code}"${selected === code ? html` checked` : ''}> ${SANCTIONS[code].id} <span class="en">${SANCTIONS[code].en}</span></label>`)}`)}
${fieldError(errors, 'sanction')}</fieldset>`;
}

/** The PPK's page on an objection (step APPEAL): the sanction as decided, the employee's grounds, the guidance for
 *  the act, and the five outcomes with the new sanction, the decree and the reasons. */
function objectionFormPage(opened: OpenDecision, errors: FieldError[], values: DecisionForm): APIGatewayProxyResult {
  const { record, facts, report } = opened;
  const words = facts.words;
  const step = { ...STEPS.APPEAL, ...stepLabel('APPEAL', words) };
  const appeal = report.appeals?.find((a) => a.id === record.appealId);
  const sanction = report.sanction;
  const imposed = report.decisions.findLast((d) => d.step === 'PPK_DECISION' && d.outcome === 'IMPOSE');
  const until = localTime(words, record.deadlineAt ?? record.expiresAt);
  const marked = guidanceLevels(report);
  const invalid = (name: string) => (errors.some((e) => e.path === name) ? html` aria-describedby="${name}-error" aria-invalid="true"` : '');
  const outcomes = APPEAL_OUTCOMES.map((outcome) => html`<label><input type="radio" name="outcome" value="${outcome}"${values.outcome === outcome ? html` checked` : ''} required> <strong>${APPEAL_OUTCOME_LABELS[outcome].id}</strong> <span class="en">${APPEAL_OUTCOME_LABELS[outcome].en}</span></label>`);
  const body = html`<h1>${step.id} <span class="en">${step.en}</span></h1>
<p>Yth. <strong>${addressOf(record.approver)}</strong>, pegawai yang dijatuhi sanksi mengajukan keberatan. Mohon diputus paling lambat <strong class="when">${until}</strong> (21 hari kerja, PP 79/2021 Pasal 5); setelah itu pegawai dapat menggugat ke PTUN, dan tautan ini tetap dapat dipakai. Membuka halaman ini tidak mengubah apa pun.</p>
<p class="en">The sanctioned employee objects. Please decide by <span class="when">${until}</span> (21 working days); after that the employee may go to the administrative court (PTUN), and this link still works. Opening this page changes nothing.</p>
${errors.length ? html`<div class="errors" role="alert"><strong>Periksa isian berikut</strong> <span class="en">Please check</span><ul>${errors.map((e) => html`<li><a href="#${FIELD_LABELS[e.path] ? e.path : 'keputusan'}">${FIELD_LABELS[e.path]?.id ?? e.path}</a>: ${e.message}</li>`)}</ul></div>` : ''}
<p class="jump"><a href="#keputusan">Langsung ke formulir keputusan ↓</a> <span class="en">Go to the decision form</span></p>
<div class="card"><strong>Keputusan semula</strong> <span class="en">The decision objected to</span>
${sanction ? html`<br>${sanctionText(sanction.sanction).id}<br><span class="en">${sanctionText(sanction.sanction).en}</span><br>SK ${sanction.decreeNumber}${imposed ? html` · ${imposed.by.name} · <span class="when">${localTime(words, imposed.at)}</span>` : ''}${sanction.deliveredAt ? html`<br><span class="muted">Diterima pegawai <span class="when">${localTime(words, sanction.deliveredAt)}</span> <span class="en">received</span></span>` : ''}` : ''}
${imposed?.notes ? html`<br><span class="muted">${imposed.notes}</span>` : ''}</div>
${appeal ? html`<div class="card"><strong>Alasan keberatan</strong> <span class="en">The employee's grounds</span> <span class="muted">(diajukan <span class="when">${localTime(words, appeal.filedAt)}</span>)</span>
<p style="white-space:pre-wrap">${appeal.grounds}</p>${appeal.documentUrls.length ? html`<ul>${appeal.documentUrls.map((url) => html`<li><a href="${url}" rel="noreferrer noopener">${url}</a></li>`)}</ul>` : ''}</div>` : ''}
<div class="card">${caseHtml(facts)}</div>
${guidanceBlock(report)}
<h2 id="keputusan">Keputusan atas keberatan <span class="en">Your decision on the objection</span></h2>
<form method="post" class="card">
<fieldset id="outcome"><legend>Keputusan <span class="en">Outcome</span>${REQUIRED}</legend>${outcomes}${fieldError(errors, 'outcome')}</fieldset>
<fieldset><legend>Sanksi baru <span class="en">The new sanction</span></legend>
<p class="muted">Diisi bila memperingan (lebih ringan), memperberat (lebih berat), atau mengubah (tingkat yang sama) <span class="en">For lighten (lighter), heavier, or change (same level)</span></p>
${sanctionChoice(values.sanction, errors, marked, SANCTION_CODES.filter((code) => SANCTIONS[code].level !== 'MORAL'))}</fieldset>
<label for="decreeNumber">Nomor SK <span class="en">Decree number</span> <span class="req">(wajib kecuali menguatkan <span class="en">required unless confirming</span>)</span></label><input type="text" id="decreeNumber" name="decreeNumber" maxlength="100" value="${values.decreeNumber ?? ''}"${invalid('decreeNumber')}>${fieldError(errors, 'decreeNumber')}
<label for="notes">Alasan <span class="en">Reasons</span><br><span class="req">Wajib kecuali menguatkan <span class="en">Required unless confirming</span></span></label>
<textarea id="notes" name="notes" maxlength="2000"${invalid('notes')}>${values.notes ?? ''}</textarea>${fieldError(errors, 'notes')}
<p><button type="submit">Kirim keputusan <span class="en">Submit</span></button></p>
</form>`;
  return htmlResponse(errors.length ? 400 : 200, `${step.id}: ${facts.receiptCode}`, body);
}

/** The form page: 200 when opened, 400 with the errors and the values kept when a submission was invalid. */
export function decisionFormPage(opened: OpenDecision, options: { errors?: FieldError[]; values?: DecisionForm } = {}): APIGatewayProxyResult {
  if (opened.record.step === 'APPEAL') return objectionFormPage(opened, options.errors ?? [], options.values ?? {});
  const { record, facts, report } = opened;
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  const words = facts.words;
  const step = { ...STEPS[record.step], ...stepLabel(record.step, words) };
  const until = localTime(words, record.expiresAt);
  const recommended = [...report.decisions].reverse().find((d) => d.step === 'BKPP_ASSESSMENT' && d.outcome === 'RECOMMEND');
  // The PPK's form starts from BKN's or Bawaslu's recommendation when it names a sanction, else from BKPP's.
  const outside = record.step === 'OPD_REVIEW' ? null : recommendationOf(report);
  const start = outside?.recommendedLevel ? { level: outside.recommendedLevel, sanction: outside.recommendedSanction } : recommended;
  const level = values.level ?? (record.step === 'PPK_DECISION' ? start?.level : undefined);
  const sanction = values.sanction ?? (record.step === 'PPK_DECISION' ? start?.sanction : undefined);
  const marked = record.step === 'OPD_REVIEW' ? [] : guidanceLevels(report);
  const outcomes = step.outcomes.map((outcome) => html`<label><input type="radio" name="outcome" value="${outcome}"${values.outcome === outcome ? html` checked` : ''} required> <strong>${outcomeLabel(outcome, words).id}</strong> <span class="en">${outcomeLabel(outcome, words).en}</span></label>`);

  const body = html`<h1>${step.id} <span class="en">${step.en}</span></h1>
<p>Yth. <strong>${addressOf(record.approver)}</strong>, laporan berikut menunggu keputusan Anda sampai <strong class="when">${until}</strong>. Membuka halaman ini tidak mengubah apa pun.</p>
<p class="en">This report awaits your decision until <span class="when">${until}</span>. Opening this page changes nothing.</p>
${errors.length ? html`<div class="errors" role="alert"><strong>Periksa isian berikut</strong> <span class="en">Please check</span><ul>${errors.map((e) => html`<li><a href="#${FIELD_LABELS[e.path] ? e.path : 'keputusan'}">${FIELD_LABELS[e.path]?.id ?? e.path}</a>: ${e.message}</li>`)}</ul></div>` : ''}
<p class="jump"><a href="#keputusan">Langsung ke formulir keputusan ↓</a> <span class="en">Go to the decision form</span></p>
${recommended && record.step === 'PPK_DECISION' ? html`<div class="card"><strong>Rekomendasi ${words.agency}</strong> <span class="en">${words.agency}'s recommendation</span><br>${sanctionText(recommended.sanction!).id}<br><span class="en">${sanctionText(recommended.sanction!).en}</span>${recommended.notes ? html`<br><span class="muted">${recommended.notes}</span>` : ''}</div>` : ''}
${outside ? recommendationCard(outside) : ''}

<div class="card">${caseHtml(facts)}</div>
${record.step !== 'OPD_REVIEW' ? guidanceBlock(report) : ''}
<h2 id="keputusan">Keputusan Anda <span class="en">Your decision</span></h2>
<form method="post" class="card">
<fieldset id="outcome"><legend>Keputusan <span class="en">Outcome</span>${REQUIRED}</legend>${outcomes}${fieldError(errors, 'outcome')}</fieldset>
${record.step !== 'OPD_REVIEW' ? html`<fieldset><legend>${record.step === 'PPK_DECISION' ? html`Sanksi yang dijatuhkan <span class="en">The sanction imposed</span>` : html`Sanksi yang direkomendasikan <span class="en">The sanction recommended</span>`}</legend>
<p class="muted">Diisi bila memilih «${outcomeLabel(step.outcomes[0], words).id}» <span class="en">Filled in when you choose “${outcomeLabel(step.outcomes[0], words).en}”</span></p>
${levelChoice(level, errors, marked)}${sanctionChoice(sanction, errors, marked)}
${record.step === 'PPK_DECISION' ? html`<label for="decreeNumber">Nomor SK <span class="en">Decree number</span> <span class="req">(wajib untuk menjatuhkan sanksi <span class="en">required to impose</span>)</span></label><input type="text" id="decreeNumber" name="decreeNumber" maxlength="100" value="${values.decreeNumber ?? ''}"${errors.some((e) => e.path === 'decreeNumber') ? html` aria-describedby="decreeNumber-error" aria-invalid="true"` : ''}>${fieldError(errors, 'decreeNumber')}` : ''}</fieldset>` : ''}
<label for="notes">Catatan atau alasan <span class="en">Notes or reasons</span><br><span class="req">${record.step === 'OPD_REVIEW'
    ? html`Wajib bila dihentikan <span class="en">Required to dismiss</span>`
    : html`Wajib bila dihentikan, atau bila tingkatnya di luar jalur panduan <span class="en">Required to dismiss, or for a level outside the guidance</span>`}</span></label>
<textarea id="notes" name="notes" maxlength="2000"${errors.some((e) => e.path === 'notes') ? html` aria-describedby="notes-error" aria-invalid="true"` : ''}>${values.notes ?? ''}</textarea>${fieldError(errors, 'notes')}
<p><button type="submit">Kirim keputusan <span class="en">Submit</span></button></p>
</form>`;
  return htmlResponse(errors.length ? 400 : 200, `${step.id}: ${facts.receiptCode}`, body);
}

/** The end page of a link that was just used: what was recorded, where the report is now, and what happens next. */
export function decisionRecordedPage(opened: OpenDecision & { decision: LinkDecision }): APIGatewayProxyResult {
  const { decision, facts, report } = opened;
  const words = facts.words;
  const status = statusLabel(report.status, words);
  const next = decision.step === 'APPEAL'
    ? report.status === 'DISMISSED'
      ? { id: 'Sanksi dibatalkan dan laporan dihentikan. Bawaslu diberi tahu putusan ini.', en: 'The sanction is annulled and the report dismissed. Bawaslu is told.' }
      : { id: 'Putusan atas keberatan tercatat pada sanksi laporan. Bawaslu diberi tahu putusan ini.', en: 'The decision on the objection now stands on the report. Bawaslu is told.' }
    : isClosed(report.status)
    ? { id: 'Penanganan laporan selesai. Bawaslu diberi tahu hasilnya.', en: 'The report is closed. Bawaslu is told the outcome.' }
    : report.status === 'AWAITING_PPK_DECISION'
      ? { id: `Laporan diteruskan ke PPK untuk diputuskan.`, en: `The report goes on to the PPK to decide.` }
      : { id: `Laporan diteruskan ke ${words.agencyFull} untuk dinilai.`, en: `The report goes on to ${words.agencyFull} to assess.` };
  const body = html`<div class="ok" role="status"><h1>Keputusan tercatat <span class="en">Decision recorded</span></h1>
${decisionHtml(decision, words)}</div>
<div class="next"><p><strong>Selanjutnya</strong> ${next.id} Status laporan sekarang: ${status.id}. Tautan ini tidak dapat dipakai lagi.</p>
<p class="en"><strong>Next</strong> ${next.en} The report is now: ${status.en}. This link cannot be used again.</p></div>
<div class="card">${caseHtml({ ...facts, decisions: report.decisions })}</div>`;
  return htmlResponse(200, `Keputusan tercatat: ${facts.receiptCode}`, body);
}
