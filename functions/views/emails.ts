// The e-mails netra sends: decision requests, reminders, escalations and the notice to Bawaslu.
// Indonesian first, English below; plain text and HTML; never the reporter's identity (see case-summary.ts).
// The HTML is one fluid column with inline styles only, so a phone's mail app shows it whole.
import type { MailViews } from '#ports';
import type { Approver } from '#domain/approvers';
import type { MailMessage } from '#domain/mail-message';
import { digestEmail } from './digest-email.ts';
import { nationalActionEmail, nationalDigestEmail } from './national-emails.ts';
import { message, type Message } from '#domain/messages';
import type { Decision, StoredReport } from '#domain/report.schema';
import type { Step } from '#domain/workflow';
import { addressOf } from '#domain/acting';
import { caseEmailHtml, mailRow, mailText, MAIL } from './case-summary.ts';
import { localTime, sanctionText, stepLabel, type CaseFacts, type RegionWords } from '#domain/case-facts';
import { recommendationLine, recommendationOf } from '#domain/recommendation';
import { APPEAL_KIND_LABELS, APPEAL_OUTCOME_LABELS, type Appeal } from '#domain/appeals';
import { html, type SafeHtml } from './html.ts';
import { emailHtml, english } from './email-layout.ts';

function about(facts: CaseFacts, role: string): MailMessage['about'] {
  return { regionId: facts.regionId, reportId: facts.reportId, role };
}

function button(url: string, label: Message): SafeHtml {
  return html`<p style="margin:16px 0 4px"><a href="${url}" style="display:inline-block;background:#123b5d;color:#ffffff;padding:12px 18px;border-radius:6px;text-decoration:none;font-weight:bold">${label.id}</a></p><p style="margin:0 0 12px;${MAIL.small};overflow-wrap:anywhere;word-break:break-all">${url}</p>`;
}

export function decisionRequestEmail(input: {
  facts: CaseFacts; step: Step; approver: Approver; url: string; deadlineAt: string; reminder: boolean;
}): MailMessage {
  const { facts, step, approver, url, deadlineAt, reminder } = input;
  const label = stepLabel(step, facts.words);
  const until = localTime(facts.words, deadlineAt);
  const subject = `[netra] ${reminder ? 'Pengingat: ' : ''}Mohon keputusan: laporan ${facts.receiptCode} (${label.id}) / ${reminder ? 'Reminder: ' : ''}decision needed`;
  const en = `Dear ${addressOf(approver)}, ${reminder ? 'a reminder: ' : ''}this report of a suspected ASN neutrality violation awaits your ${label.en}. Open the link to see the case and decide (valid until ${until}). Opening it changes nothing; the decision is recorded only when you submit the form.`;
  const text = mailText([
    `Yth. ${addressOf(approver)},`,
    '',
    reminder
      ? `Pengingat: laporan dugaan pelanggaran netralitas ASN berikut masih menunggu ${label.id} Anda.`
      : `Laporan dugaan pelanggaran netralitas ASN berikut menunggu ${label.id} Anda.`,
    `Buka tautan ini untuk melihat kasus dan memberi keputusan (berlaku sampai ${until}):`,
    url,
    'Membuka tautan tidak mengubah apa pun; keputusan baru tercatat setelah formulir dikirim.',
  ], facts, en);
  const body = html`<p style="margin:0 0 8px">Yth. ${addressOf(approver)},</p>
<p style="margin:0 0 8px">${reminder ? html`<strong>Pengingat:</strong> laporan` : 'Laporan'} dugaan pelanggaran netralitas ASN berikut menunggu ${label.id} Anda. Tautan berlaku sampai <strong>${until}</strong>.</p>
${button(url, message('Lihat kasus dan putuskan', 'See the case and decide'))}
<p style="margin:0;font-size:13px">Membuka tautan tidak mengubah apa pun; keputusan baru tercatat setelah formulir dikirim.</p>
${caseEmailHtml(facts)}
${english(en)}`;
  return { kind: reminder ? 'reminder' : 'decision-request', to: [approver.email], subject, text, html: emailHtml(subject, body), about: about(facts, approver.role) };
}

export function escalationEmail(input: {
  facts: CaseFacts; step: Step; to: { name: string; email: string }; approver: Approver; deadlineAt: string;
}): MailMessage {
  const { facts, step, to, approver, deadlineAt } = input;
  const label = stepLabel(step, facts.words);
  const deadline = localTime(facts.words, deadlineAt);
  const subject = `[netra] Tenggat terlewati: laporan ${facts.receiptCode} belum diputuskan (${label.id}) / Deadline passed`;
  const id = `${label.id} atas laporan ${facts.receiptCode} belum diberikan oleh ${approver.name} sampai tenggat ${deadline}. Tautan keputusan baru telah dikirim kepada ${approver.name}; mohon dorong penyelesaiannya. Laporan tidak dihentikan karena tenggat.`;
  const en = `Dear ${to.name}, the ${label.en} of report ${facts.receiptCode} was not given by ${approver.name} by the deadline (${deadline}). A fresh decision link has been sent; please see that it is decided. A report is never dropped for a missed deadline.`;
  const text = mailText([`Yth. ${to.name},`, '', id], facts, en);
  const body = html`<p style="margin:0 0 8px">Yth. ${to.name},</p>
<p style="margin:0 0 8px">${id}</p>
${caseEmailHtml(facts)}
${english(en)}`;
  return { kind: 'escalation', to: [to.email], subject, text, html: emailHtml(subject, body), about: about(facts, 'SEKDA') };
}

/** The closing decision: the last one recorded (a report closes only by a decision). */
export function closingDecision(report: StoredReport): Decision | undefined {
  return report.decisions.at(-1);
}

export function bawasluNoticeEmail(input: {
  facts: CaseFacts; report: StoredReport; bawaslu: { name: string; email: string }; bkn?: { name: string; email: string } | undefined;
}): MailMessage {
  const { facts, report, bkn } = input;
  // A recommendation's closing notice goes to BKN too, in the same message, so it is sent once to both.
  const bawaslu = bkn ? { name: `${input.bawaslu.name} dan/and ${bkn.name}`, email: input.bawaslu.email } : input.bawaslu;
  const recommendation = recommendationOf(report);
  const closing = closingDecision(report);
  const sanctioned = report.status === 'SANCTIONED';
  const outcome = sanctioned ? message('Dijatuhi sanksi', 'Sanctioned') : message('Dihentikan', 'Dismissed');
  const step = closing ? stepLabel(closing.step, facts.words) : undefined;
  const closedAt = closing ? `${closing.by.name} · ${localTime(facts.words, closing.at)}` : '';
  const sanction = report.sanction ? sanctionText(report.sanction.sanction) : undefined;
  const reasons = closing?.notes ?? '-';
  const subject = `[netra] Laporan ${facts.receiptCode} selesai: ${outcome.id.toLowerCase()} / Report closed: ${outcome.en.toLowerCase()}`;
  const en = `Dear ${bawaslu.name}, the handling of report ${facts.receiptCode} of a suspected ASN neutrality violation is complete; the outcome, the step that closed it, the reasons and the sanction are above.`;
  const text = mailText([
    `Yth. ${bawaslu.name},`,
    '',
    `Dengan ini kami sampaikan bahwa penanganan laporan dugaan pelanggaran netralitas ASN ${facts.receiptCode} (${facts.reportId}) telah selesai.`,
    `Hasil (Outcome): ${outcome.id} (${outcome.en})`,
    `Diputuskan pada tahap (Closed at step): ${step ? `${step.id} (${step.en})` : '-'}${closedAt ? `, ${closedAt}` : ''}`,
    `Alasan (Reasons): ${reasons}`,
    `Sanksi (Sanction): ${sanction ? `${sanction.id}, SK ${report.sanction!.decreeNumber}` : '-'}`,
    ...(recommendation ? [`Sumber (Source): ${recommendationLine(recommendation)}`] : []),
    `Rantai linimasa (Timeline hash): ${report.timelineHash ?? '-'}`,
  ], facts, en);
  const body = html`<p style="margin:0 0 8px">Yth. ${bawaslu.name},</p>
<p style="margin:0 0 8px">Dengan ini kami sampaikan bahwa penanganan laporan dugaan pelanggaran netralitas ASN <strong>${facts.receiptCode}</strong> telah selesai.</p>
<div style="margin:12px 0;padding:4px 12px 12px;border-left:4px solid #123b5d;background:#f4f6f8">
${mailRow(message('Hasil', 'Outcome'), html`<strong>${outcome.id}</strong> <span style="${MAIL.small}">${outcome.en}</span>`)}
${mailRow(message('Tahap', 'Closed at step'), html`${step ? step.id : '-'}${closedAt ? html`<br><span style="${MAIL.small}">${closedAt}</span>` : ''}`)}
${mailRow(message('Alasan', 'Reasons'), reasons)}
${mailRow(message('Sanksi', 'Sanction'), sanction ? html`${sanction.id}<br><span style="${MAIL.small}">${sanction.en}</span><br>SK ${report.sanction!.decreeNumber}` : '-')}
${recommendation ? mailRow(message('Sumber', 'Source'), recommendationLine(recommendation)) : ''}
${mailRow(message('Rantai linimasa', 'Timeline hash'), html`<span style="font-family:monospace;font-size:12px;word-break:break-all">${report.timelineHash ?? '-'}</span>`)}
</div>

${caseEmailHtml(facts)}
${english(en)}`;
  return { kind: 'bawaslu-notice', to: [bawaslu.email, ...(bkn ? [bkn.email] : [])], subject, text, html: emailHtml(subject, body), about: about(facts, 'BAWASLU') };

}

/** To the region's PPK: a reporter's identity was opened, by which key, when and why; never the identity itself. */
export function reporterUnsealedEmail(input: {
  words: RegionWords; regionId: string; reportId: string; receiptCode: string; ppk: { name: string; email: string }; keyId: string; reason: string; at: string;
}): MailMessage {
  const { words, ppk, keyId, reason, receiptCode } = input;
  const when = localTime(words, input.at);
  const subject = `[netra] Identitas pelapor laporan ${receiptCode} dibuka / A reporter's identity was unsealed`;
  const id = `Identitas pelapor laporan ${receiptCode} dibuka melalui sistem ${words.agencyFull} dengan kunci API ${keyId} pada ${when}. Pembukaan ini tercatat di linimasa laporan. Identitas pelapor tidak disertakan dalam surel ini.`;
  const en = `Dear ${ppk.name}, the reporter's identity of report ${receiptCode} was unsealed through ${words.agencyFull}'s system with API key ${keyId} at ${when}, for the reason above. It is on the report's timeline. The identity is not in this e-mail.`;
  const text = mailText([`Yth. ${ppk.name},`, '', id, `Alasan: ${reason}`], undefined, en);
  const body = html`<p style="margin:0 0 8px">Yth. ${ppk.name},</p>
<p style="margin:0 0 8px">${id}</p>
<div style="margin:12px 0;padding:4px 12px 12px;border-left:4px solid #123b5d;background:#f4f6f8">
${mailRow(message('Laporan', 'Report'), receiptCode)}
${mailRow(message('Waktu', 'When'), when)}
${mailRow(message('Kunci API', 'API key'), keyId)}
${mailRow(message('Alasan', 'Reason'), reason)}
</div>
${english(en)}`;
  return { kind: 'reporter-unsealed', to: [ppk.email], subject, text, html: emailHtml(subject, body), about: { regionId: input.regionId, reportId: input.reportId, role: 'PPK' } };
}

type Addressee = { name: string; email: string };

/** A notice about an appeal to Bawaslu (and BKN for its recommendations): the lead sentence around the receipt
 *  code, the rows, the case, in both languages. */
function appealNotice(input: {
  kind: MailMessage['kind']; facts: CaseFacts; bawaslu: Addressee; bkn?: Addressee | undefined; subject: string; lead: [before: string, after: string]; rows: [Message, string][]; en: (to: string) => string;
}): MailMessage {
  const { facts, bkn, subject, rows, lead: [before, after] } = input;
  const to = bkn ? `${input.bawaslu.name} dan/and ${bkn.name}` : input.bawaslu.name;
  const text = mailText([
    `Yth. ${to},`, '',
    `${before}${facts.receiptCode} (${facts.reportId})${after}`,
    ...rows.map(([label, value]) => `${label.id} (${label.en}): ${value}`),
  ], facts, input.en(to));
  const body = html`<p style="margin:0 0 8px">Yth. ${to},</p>
<p style="margin:0 0 8px">${before}<strong>${facts.receiptCode}</strong>${after}</p>
<div style="margin:12px 0;padding:4px 12px 12px;border-left:4px solid #123b5d;background:#f4f6f8">
${rows.map(([label, value]) => mailRow(label, html`<span style="word-break:break-word">${value}</span>`))}
</div>
${caseEmailHtml(facts)}
${english(input.en(to))}`;
  return { kind: input.kind, to: [input.bawaslu.email, ...(bkn ? [bkn.email] : [])], subject, text, html: emailHtml(subject, body), about: about(facts, 'BAWASLU') };
}

/** An appeal's outcome, to Bawaslu (and BKN for its recommendations): what was appealed, what was decided, the
 *  sanction now in force (or none), in the region's words and zone. */
export function appealDecidedEmail(input: {
  facts: CaseFacts; report: StoredReport; appeal: Appeal; bawaslu: Addressee; bkn?: Addressee | undefined;
}): MailMessage {
  const { facts, report, appeal } = input;
  const decision = appeal.decision!;
  const kind = APPEAL_KIND_LABELS[appeal.kind];
  const outcome = APPEAL_OUTCOME_LABELS[decision.outcome];
  const before = report.sanctionHistory?.at(-1);
  const now = report.sanction ? sanctionText(report.sanction.sanction) : undefined;
  const was = before ? sanctionText(before.sanction) : undefined;
  return appealNotice({
    ...input,
    kind: 'appeal-decided',
    subject: `[netra] Laporan ${facts.receiptCode}: ${kind.id} diputus, ${outcome.id} / Appeal decided: ${outcome.en}`,
    lead: [`Dengan ini kami sampaikan putusan atas ${kind.id} terhadap sanksi dalam laporan dugaan pelanggaran netralitas ASN `, '.'],
    rows: [
      [message('Upaya administratif', 'Appeal'), `${kind.id}, diajukan ${localTime(facts.words, appeal.filedAt)}`],
      [message('Putusan', 'Outcome'), `${outcome.id} (${outcome.en})${decision.decisionNumber ? `, nomor ${decision.decisionNumber}` : ''}, ${localTime(facts.words, decision.decidedAt)}`],
      [message('Sanksi semula', 'Earlier sanction'), was ? `${was.id}, SK ${before!.decreeNumber}` : '-'],
      [message('Sanksi yang berlaku', 'Sanction in force'), now ? `${now.id}, SK ${report.sanction!.decreeNumber}` : 'Tidak ada (dibatalkan; laporan dihentikan)'],
      [message('Rantai linimasa', 'Timeline hash'), report.timelineHash ?? '-'],
    ],
    en: (to) => `Dear ${to}, the ${kind.en.toLowerCase()} against the sanction in report ${facts.receiptCode} was decided: ${outcome.en.toLowerCase()}. The sanction now in force is above.`,
  });
}

/** An open appeal past its decideBy, to Bawaslu (and BKN for its recommendations): a KEBERATAN the PPK left
 *  undecided (the employee may go to PTUN), or a BANDING BPASN left undecided, in the region's words and zone. */
export function appealDeadlinePassedEmail(input: {
  facts: CaseFacts; appeal: Appeal; line: Message; bawaslu: Addressee; bkn?: Addressee | undefined;
}): MailMessage {
  const { facts, appeal, line } = input;
  const kind = APPEAL_KIND_LABELS[appeal.kind];
  return appealNotice({
    ...input,
    kind: 'appeal-deadline',
    subject: `[netra] Laporan ${facts.receiptCode}: ${kind.id} melewati batas waktu / Appeal past its deadline`,
    lead: [`${kind.id} terhadap sanksi dalam laporan dugaan pelanggaran netralitas ASN `, ' belum diputus sampai batas waktunya.'],
    rows: [
      [message('Upaya administratif', 'Appeal'), `${kind.id}, diajukan ${localTime(facts.words, appeal.filedAt)}`],
      [message('Batas putusan', 'Decide by'), localTime(facts.words, appeal.decideBy!)],
      [message('Keterangan', 'What it means'), line.id],
    ],
    en: (to) => `Dear ${to}, ${line.en} (report ${facts.receiptCode}).`,
  });
}

/** A decree not recorded as handed over within 14 working days of the decision, to the region's agency. */
export function deliveryReminderEmail(input: { facts: CaseFacts; report: StoredReport; dueAt: string; to: { name: string; email: string } }): MailMessage {
  const { facts, report, dueAt, to } = input;
  const due = localTime(facts.words, dueAt);
  const sanction = report.sanction ? sanctionText(report.sanction.sanction) : undefined;
  const subject = `[netra] SK sanksi laporan ${facts.receiptCode} belum tercatat diserahkan / Decree not yet delivered`;
  const id = `SK ${report.sanction?.decreeNumber ?? ''}${sanction ? ` (${sanction.id})` : ''} atas laporan ${facts.receiptCode} belum tercatat diserahkan kepada pegawai sampai ${due}, batas 14 hari kerja setelah keputusan PPK (PP 94/2021 Pasal 37). Mohon ${facts.words.agencyFull} menyerahkan atau mengirimkan SK dan mencatat tanggal penerimaannya di netra (POST /v1/reports/{id}/decree-delivery).`;
  const en = `Dear ${to.name}, the sanction decree of report ${facts.receiptCode} was not recorded as delivered to the employee by ${due}, 14 working days after the PPK's decision. Please deliver it and record the date it was received.`;
  const text = mailText([`Yth. ${to.name},`, '', id], facts, en);
  const body = html`<p style="margin:0 0 8px">Yth. ${to.name},</p>
<p style="margin:0 0 8px">${id}</p>
${caseEmailHtml(facts)}
${english(en)}`;
  return { kind: 'delivery-reminder', to: [to.email], subject, text, html: emailHtml(subject, body), about: about(facts, 'BKPP') };
}

/** The e-mails as the use cases reach them (Dependencies.mails). */
export const mails: MailViews = {
  decisionRequest: decisionRequestEmail,
  escalation: escalationEmail,
  bawasluNotice: bawasluNoticeEmail,
  appealDecided: appealDecidedEmail,
  deliveryReminder: deliveryReminderEmail,
  appealDeadlinePassed: appealDeadlinePassedEmail,
  digest: digestEmail,
  reporterUnsealed: reporterUnsealedEmail,
  nationalAction: nationalActionEmail,
  nationalDigest: nationalDigestEmail,
};
