// The daily digest to Bawaslu: the day's received and newly overdue reports of one region, Indonesian first,
// English below; case summaries from the allow-listed fields only (never the reporter).
import { CATEGORIES, STAGES } from '#domain/codes';
import { recommendationLine, recommendationOf } from '#domain/recommendation';
import type { StoredReport } from '#domain/report.schema';
import { formatLocal } from '#domain/time-zones';
import type { MailMessage } from '#domain/mail-message';
import type { DigestContent } from '#domain/notices';
import { html, type SafeHtml } from './html.ts';
import { regionWords, statusLabel, type RegionWords } from '#domain/case-facts';
import { emailHtml, english } from './email-layout.ts';

function line(report: StoredReport, words: RegionWords): string {
  const recommendation = recommendationOf(report);
  return [
    `${report.receiptCode} (${report.id})`,
    CATEGORIES[report.category].id,
    `${STAGES[report.stage].id}`,
    `kejadian/incident ${report.incidentDate}`,
    `${report.employee.name}, ${report.employee.position} (${report.employee.opdId})`,
    `diterima/received ${formatLocal(report.createdAt, words.timeZone)}`,
    `status ${statusLabel(report.status, words).id}`,
    ...(recommendation ? [recommendationLine(recommendation)] : []),
    `timelineHash ${report.timelineHash ?? '-'}`,
  ].join('; ');
}

function list(reports: StoredReport[], words: RegionWords): SafeHtml {
  return reports.length
    ? html`<ol style="margin:8px 0;padding-left:20px">${reports.map((r) => html`<li style="margin:6px 0;overflow-wrap:anywhere">${line(r, words)}</li>`)}</ol>`
    : html`<p style="color:#5b6773">-</p>`;
}

export function digestEmail(input: DigestContent): MailMessage {
  const { region, date, zone, bawaslu, received, overdue } = input;
  const words = regionWords({ ...region, timeZone: zone }, region.id);
  const subject = `[netra] Ringkasan harian ${region.name} ${date}: ${received.length} laporan diterima, ${overdue.length} melewati tenggat / Daily digest`;
  const text = [
    `Yth. ${bawaslu.name},`,
    '',
    `Ringkasan laporan dugaan pelanggaran netralitas ASN di ${region.name} (${region.agencyName}) pada ${date}.`,
    '',
    `Laporan diterima / Received (${received.length}):`,
    ...(received.length ? received.map((r) => `- ${line(r, words)}`) : ['- tidak ada / none']),
    '',
    `Laporan yang melewati tenggat / Newly overdue (${overdue.length}):`,
    ...(overdue.length ? overdue.map((r) => `- ${line(r, words)}`) : ['- tidak ada / none']),
    '',
    'Identitas pelapor dirahasiakan. / The reporter\'s identity is confidential.',
    '---',
    `Dear ${bawaslu.name}, the reports of suspected ASN neutrality violations that ${region.name} received on ${date}, and those that became overdue that day. Each closed report is still notified on its own.`,
  ].join('\n');
  const body = html`<p style="margin:0 0 8px">Yth. ${bawaslu.name},</p>
<p style="margin:0 0 8px">Ringkasan laporan dugaan pelanggaran netralitas ASN di <strong>${region.name}</strong> (${region.agencyName}) pada <strong>${date}</strong>.</p>
<h3 style="margin:16px 0 4px;font-size:16px">Laporan diterima <span style="color:#5b6773;font-weight:normal">Received</span> (${received.length})</h3>
${list(received, words)}
<h3 style="margin:16px 0 4px;font-size:16px">Melewati tenggat <span style="color:#5b6773;font-weight:normal">Newly overdue</span> (${overdue.length})</h3>
${list(overdue, words)}
${english(`Dear ${bawaslu.name}, the reports ${region.name} received on ${date}, and those that became overdue that day. Each closed report is still notified on its own.`)}`;
  return { kind: 'digest', to: [bawaslu.email], subject, text, html: emailHtml(subject, body) };
}
