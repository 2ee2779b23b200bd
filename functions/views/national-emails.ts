// The national bodies' e-mails: a national action told to the region's PPK and agency, and a body's weekly digest
// of its overdue recommendations by region. Indonesian first, English below; never the reporter.
import type { MailMessage } from '#domain/mail-message';
import { message } from '#domain/messages';
import { localTime, type CaseFacts } from '#domain/case-facts';
import { BODIES, NATIONAL_ACTIONS, type NationalAction, type NationalDigestContent } from '#domain/national.schema';
import { recommendationLine, recommendationOf } from '#domain/recommendation';
import type { StoredReport } from '#domain/report.schema';
import { html } from './html.ts';
import { caseEmailHtml, mailRow, mailText, MAIL } from './case-summary.ts';
import { emailHtml, english } from './email-layout.ts';

export function nationalActionEmail(input: {
  facts: CaseFacts; report: StoredReport; action: NationalAction; to: { name: string; email: string }[];
}): MailMessage {
  const { facts, report, action, to } = input;
  const what = NATIONAL_ACTIONS[action.kind];
  const who = BODIES[action.body].name;
  const when = localTime(facts.words, action.at);
  const recommendation = recommendationOf(report);
  const names = to.map((person) => person.name).join(' dan ');
  const subject = `[netra] ${what.id}: laporan ${facts.receiptCode} (${action.body}) / ${what.en}`;
  const id = `${who} mencatat tindakan atas rekomendasi yang belum ditindaklanjuti: ${what.id}, surat nomor ${action.letterNumber} (${when}).`;
  const en = `Dear ${names}, ${who} recorded an action on a recommendation of ${facts.words.regionName} that awaits follow-up: ${what.en}, letter ${action.letterNumber} (${when}). It is on the report's timeline.`;
  const text = mailText([
    `Yth. ${names},`,
    '',
    id,
    ...(action.note ? [`Catatan (Note): ${action.note}`] : []),
    ...(recommendation ? [`Rekomendasi (Recommendation): ${recommendationLine(recommendation)}`] : []),
    'Tindakan ini tercatat pada linimasa laporan.',
  ], facts, en);
  const body = html`<p style="margin:0 0 8px">Yth. ${names},</p>
<div style="margin:12px 0;padding:4px 12px 12px;border-left:4px solid #8a1c1c;background:#fbf1f1">
${mailRow(message('Tindakan', 'Action'), html`<strong>${what.id}</strong> <span style="${MAIL.small}">${what.en}</span>`)}
${mailRow(message('Oleh', 'By'), html`${who}<br><span style="${MAIL.small}">${when}</span>`)}
${mailRow(message('Nomor surat', 'Letter number'), action.letterNumber)}
${action.note ? mailRow(message('Catatan', 'Note'), action.note) : ''}
${recommendation ? mailRow(message('Rekomendasi', 'Recommendation'), recommendationLine(recommendation)) : ''}
</div>
<p style="margin:0 0 8px">Tindakan ini tercatat pada linimasa laporan. Mohon tindak lanjut rekomendasi diselesaikan.</p>
${caseEmailHtml(facts)}
${english(en)}`;
  return { kind: 'national-action', to: to.map((person) => person.email), subject, text, html: emailHtml(subject, body), about: { regionId: facts.regionId, reportId: facts.reportId, role: 'PPK' } };
}

/** One line per overdue recommendation: figures only (the digest goes outside the region: no employee, no
 *  reporter, no description). */
function line(item: NationalDigestContent['regions'][number]['items'][number]): string {
  return [`${item.number} (${item.id})`, `terbit/issued ${item.issuedAt}`, `tenggat/due ${item.dueAt ?? '-'}`, `status ${item.statusLabel}`, `terlambat sejak/overdue since ${item.overdueSince}`].join('; ');
}

export function nationalDigestEmail(input: NationalDigestContent): MailMessage {
  const { body, week, contact, regions } = input;
  const count = regions.reduce((sum, region) => sum + region.items.length, 0);
  const subject = `[netra] Ringkasan mingguan ${body} ${week}: ${count} rekomendasi melewati tenggat di ${regions.length} daerah / Weekly digest`;
  const en = `Dear ${contact.name}, the recommendations ${body} sent that are overdue as of ${week}, grouped by region (worst first). The follow-up page has the figures: GET /v1/national/follow-up.`;
  const text = mailText([
    `Yth. ${contact.name},`,
    '',
    `Rekomendasi ${BODIES[body].name} yang melewati tenggat tindak lanjut per ${week}, menurut daerah:`,
    ...regions.flatMap((region) => ['', `${region.name} (${region.agencyName}): ${region.items.length}`, ...region.items.map((item) => `- ${line(item)}`)]),
  ], undefined, en);
  const htmlBody = html`<p style="margin:0 0 8px">Yth. ${contact.name},</p>
<p style="margin:0 0 8px">Rekomendasi ${BODIES[body].name} yang <strong>melewati tenggat</strong> tindak lanjut per ${week}: <strong>${count}</strong> di ${regions.length} daerah.</p>
${regions.map((region) => html`<h3 style="margin:16px 0 4px;font-size:16px">${region.name} <span style="${MAIL.muted};font-weight:normal">${region.agencyName} · ${region.items.length}</span></h3>
<ol style="margin:8px 0;padding-left:20px">${region.items.map((item) => html`<li style="margin:6px 0;overflow-wrap:anywhere">${line(item)}</li>`)}</ol>`)}
${english(en)}`;
  return { kind: 'national-digest', to: [contact.email], subject, text, html: emailHtml(subject, htmlBody) };
}
