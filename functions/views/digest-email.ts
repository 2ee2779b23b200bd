// The daily digest to Bawaslu: the day's received and newly overdue reports of one region, Indonesian first,
// English below; case summaries from the allow-listed fields only (never the reporter).
import { CATEGORIES, STAGES, STATUS_LABELS } from '#domain/codes';
import { recommendationLine, recommendationOf } from '#domain/recommendation';
import type { StoredReport } from '#domain/report.schema';
import { formatLocal } from '#domain/time-zones';
import type { MailMessage } from '#ports';
import type { DigestContent } from '#domain/notices';
import { html, type SafeHtml } from './html.ts';

function line(report: StoredReport, zone: string): string {
  const recommendation = recommendationOf(report);
  return [
    `${report.receiptCode} (${report.id})`,
    `${CATEGORIES[report.category].id} (${report.category})`,
    `${STAGES[report.stage].id}`,
    `kejadian/incident ${report.incidentDate}`,
    `${report.employee.name}, ${report.employee.position} (${report.employee.opdId})`,
    `diterima/received ${formatLocal(report.createdAt, zone)}`,
    `status ${STATUS_LABELS[report.status].id}`,
    ...(recommendation ? [recommendationLine(recommendation)] : []),
    `timelineHash ${report.timelineHash ?? '-'}`,
  ].join('; ');
}

function list(reports: StoredReport[], zone: string): SafeHtml {
  return reports.length ? html`<ol>${reports.map((r) => html`<li style="margin:6px 0">${line(r, zone)}</li>`)}</ol>` : html`<p style="color:#5b6773">-</p>`;
}

export function digestEmail(input: DigestContent): MailMessage {
  const { region, date, zone, bawaslu, received, overdue } = input;
  const subject = `[netra] Ringkasan harian ${region.name} ${date}: ${received.length} laporan diterima, ${overdue.length} melewati tenggat / Daily digest`;
  const text = [
    `Yth. ${bawaslu.name},`,
    '',
    `Ringkasan laporan dugaan pelanggaran netralitas ASN di ${region.name} (${region.agencyName}) pada ${date}.`,
    '',
    `Laporan diterima / Received (${received.length}):`,
    ...(received.length ? received.map((r) => `- ${line(r, zone)}`) : ['- tidak ada / none']),
    '',
    `Laporan yang melewati tenggat / Newly overdue (${overdue.length}):`,
    ...(overdue.length ? overdue.map((r) => `- ${line(r, zone)}`) : ['- tidak ada / none']),
    '',
    'Identitas pelapor dirahasiakan. / The reporter\'s identity is confidential.',
    '---',
    `Dear ${bawaslu.name}, the reports of suspected ASN neutrality violations that ${region.name} received on ${date}, and those that became overdue that day. Each closed report is still notified on its own.`,
  ].join('\n');
  const body = html`<p>Yth. ${bawaslu.name},</p>
<p>Ringkasan laporan dugaan pelanggaran netralitas ASN di <strong>${region.name}</strong> (${region.agencyName}) pada <strong>${date}</strong>.</p>
<h3>Laporan diterima <span style="color:#5b6773;font-weight:normal">Received</span> (${received.length})</h3>
${list(received, zone)}
<h3>Melewati tenggat <span style="color:#5b6773;font-weight:normal">Newly overdue</span> (${overdue.length})</h3>
${list(overdue, zone)}
<hr><p style="color:#5b6773">Dear ${bawaslu.name}, the reports ${region.name} received on ${date}, and those that became overdue that day. Each closed report is still notified on its own. The reporter's identity is confidential.</p>`;
  const page = `<!doctype html><html lang="id"><head><meta charset="utf-8"></head><body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1d2733;max-width:42rem">${body.value}</body></html>`;
  return { to: [bawaslu.email], subject, text, html: page };
}
