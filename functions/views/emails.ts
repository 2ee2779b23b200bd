// The e-mails netra sends: decision requests, reminders, escalations and the notice to Bawaslu.
// Indonesian first, English below; plain text and HTML; never the reporter's identity (see case-summary.ts).
import type { MailMessage, Approver } from '#ports';
import type { Decision, StoredReport } from '#domain/report.schema';
import { STEPS, type Step } from '#domain/workflow';
import { addressOf } from '#domain/acting';
import { caseEmailHtml, caseText, sanctionLabel, wib, type CaseFacts } from './case-summary.ts';

export { wib };
import { html, type SafeHtml } from './html.ts';

function emailHtml(body: SafeHtml): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"></head><body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1d2733;max-width:42rem">${body.value}<hr><p style="color:#5b6773;font-size:12px">netra · Netralitas ASN. Identitas pelapor dirahasiakan. / The reporter's identity is confidential.</p></body></html>`;
}

function button(url: string, label: string): SafeHtml {
  return html`<p><a href="${url}" style="display:inline-block;background:#123b5d;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:bold">${label}</a></p><p style="font-size:12px;color:#5b6773">${url}</p>`;
}

export function decisionRequestEmail(input: {
  facts: CaseFacts; step: Step; approver: Approver; url: string; deadlineAt: string; reminder: boolean;
}): MailMessage {
  const { facts, step, approver, url, deadlineAt, reminder } = input;
  const label = STEPS[step];
  const subject = `[netra] ${reminder ? 'Pengingat: ' : ''}Mohon keputusan: laporan ${facts.receiptCode} (${label.id}) / ${reminder ? 'Reminder: ' : ''}decision needed`;
  const text = [
    `Yth. ${addressOf(approver)},`,
    '',
    reminder
      ? `Pengingat: laporan dugaan pelanggaran netralitas ASN berikut masih menunggu ${label.id} Anda.`
      : `Laporan dugaan pelanggaran netralitas ASN berikut menunggu ${label.id} Anda.`,
    `Buka tautan ini untuk melihat kasus dan memberi keputusan (berlaku sampai ${wib(deadlineAt)}):`,
    url,
    'Membuka tautan tidak mengubah apa pun; keputusan baru tercatat setelah formulir dikirim.',
    '',
    caseText(facts),
    '',
    '---',
    `Dear ${addressOf(approver)}, ${reminder ? 'a reminder: ' : ''}this report of a suspected ASN neutrality violation awaits the ${label.en}.`,
    `Open the link above to see the case and decide (valid until ${wib(deadlineAt)}). Opening it changes nothing; the decision is recorded only when you submit the form.`,
  ].join('\n');
  const body = html`<p>Yth. ${addressOf(approver)},</p>
<p>${reminder ? html`<strong>Pengingat:</strong> laporan` : 'Laporan'} dugaan pelanggaran netralitas ASN berikut menunggu ${label.id} Anda. Tautan berlaku sampai <strong>${wib(deadlineAt)}</strong>.</p>
${button(url, 'Lihat kasus dan putuskan')}
<p style="font-size:13px">Membuka tautan tidak mengubah apa pun; keputusan baru tercatat setelah formulir dikirim.</p>
${caseEmailHtml(facts)}
<hr><p style="color:#5b6773">Dear ${addressOf(approver)}, ${reminder ? 'a reminder: ' : ''}this report of a suspected ASN neutrality violation awaits the ${label.en}. Open the link to see the case and decide (valid until ${wib(deadlineAt)}). Opening it changes nothing; the decision is recorded only when you submit the form.</p>`;
  return { to: [approver.email], subject, text, html: emailHtml(body) };
}

export function escalationEmail(input: {
  facts: CaseFacts; step: Step; to: { name: string; email: string }; approver: Approver; deadlineAt: string;
}): MailMessage {
  const { facts, step, to, approver, deadlineAt } = input;
  const label = STEPS[step];
  const subject = `[netra] Tenggat terlewati: laporan ${facts.receiptCode} belum diputuskan (${label.id}) / Deadline passed`;
  const text = [
    `Yth. ${to.name},`,
    '',
    `${label.id} atas laporan ${facts.receiptCode} belum diberikan oleh ${approver.name} sampai tenggat ${wib(deadlineAt)}.`,
    `Tautan keputusan baru telah dikirim kepada ${approver.name}; mohon dorong penyelesaiannya. Laporan tidak dihentikan karena tenggat.`,
    '',
    caseText(facts),
    '',
    '---',
    `Dear ${to.name}, the ${label.en} of report ${facts.receiptCode} was not given by ${approver.name} by the deadline (${wib(deadlineAt)}).`,
    `A fresh decision link has been sent to ${approver.name}; please see that it is decided. A report is never dropped for a missed deadline.`,
  ].join('\n');
  const body = html`<p>Yth. ${to.name},</p>
<p>${label.id} atas laporan <strong>${facts.receiptCode}</strong> belum diberikan oleh ${approver.name} sampai tenggat ${wib(deadlineAt)}. Tautan keputusan baru telah dikirim kepada ${approver.name}; mohon dorong penyelesaiannya. Laporan tidak dihentikan karena tenggat.</p>
${caseEmailHtml(facts)}
<hr><p style="color:#5b6773">Dear ${to.name}, the ${label.en} of report ${facts.receiptCode} was not given by ${approver.name} by the deadline (${wib(deadlineAt)}). A fresh decision link has been sent; please see that it is decided. A report is never dropped for a missed deadline.</p>`;
  return { to: [to.email], subject, text, html: emailHtml(body) };
}

/** The closing decision: the last one recorded (a report closes only by a decision). */
export function closingDecision(report: StoredReport): Decision | undefined {
  return report.decisions.at(-1);
}

export function bawasluNoticeEmail(input: { facts: CaseFacts; report: StoredReport; bawaslu: { name: string; email: string } }): MailMessage {
  const { facts, report, bawaslu } = input;
  const closing = closingDecision(report);
  const sanctioned = report.status === 'SANCTIONED';
  const outcome = sanctioned ? 'DIJATUHI SANKSI / SANCTIONED' : 'DIHENTIKAN / DISMISSED';
  const step = closing ? STEPS[closing.step] : undefined;
  const sanction = report.sanction
    ? `${sanctionLabel(report.sanction.sanction)}, tingkat/level ${report.sanction.level}, nomor SK/decree ${report.sanction.decreeNumber}`
    : '-';
  const reasons = closing?.notes ?? '-';
  const subject = `[netra] Laporan ${facts.receiptCode} selesai: ${sanctioned ? 'dijatuhi sanksi' : 'dihentikan'} / Report closed: ${sanctioned ? 'sanctioned' : 'dismissed'}`;
  const text = [
    `Yth. ${bawaslu.name},`,
    '',
    `Dengan ini kami sampaikan bahwa penanganan laporan dugaan pelanggaran netralitas ASN ${facts.reportId} telah selesai.`,
    `Hasil / Outcome: ${outcome}`,
    `Diputuskan pada tahap / Closed at step: ${step ? `${step.id} / ${step.en}` : '-'}${closing ? ` (${closing.by.name}, ${wib(closing.at)})` : ''}`,
    `Alasan / Reasons: ${reasons}`,
    `Sanksi / Sanction: ${sanction}`,
    '',
    caseText(facts),
    '',
    '---',
    `Dear ${bawaslu.name}, the handling of report ${facts.reportId} of a suspected ASN neutrality violation is complete; the outcome, the step that closed it, the reasons and the sanction are above.`,
  ].join('\n');
  const body = html`<p>Yth. ${bawaslu.name},</p>
<p>Dengan ini kami sampaikan bahwa penanganan laporan dugaan pelanggaran netralitas ASN <strong>${facts.reportId}</strong> telah selesai.</p>
<table>
<tr><th>Hasil <span style="color:#5b6773">Outcome</span></th><td><strong>${outcome}</strong></td></tr>
<tr><th>Tahap <span style="color:#5b6773">Closed at step</span></th><td>${step ? `${step.id} / ${step.en}` : '-'}${closing ? ` (${closing.by.name}, ${wib(closing.at)})` : ''}</td></tr>
<tr><th>Alasan <span style="color:#5b6773">Reasons</span></th><td>${reasons}</td></tr>
<tr><th>Sanksi <span style="color:#5b6773">Sanction</span></th><td>${sanction}</td></tr>
</table>
${caseEmailHtml(facts)}
<hr><p style="color:#5b6773">Dear ${bawaslu.name}, the handling of report ${facts.reportId} of a suspected ASN neutrality violation is complete; the outcome, the step that closed it, the reasons and the sanction are above.</p>`;
  return { to: [bawaslu.email], subject, text, html: emailHtml(body) };
}
