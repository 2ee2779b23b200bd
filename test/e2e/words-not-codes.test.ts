// No page, e-mail or case file shows a code where a word exists, and none names a generic "BKPP" where the region
// has its own agency: every document of two full paths in Bantul (BKPSDM), sanctioned and dismissed (each decision
// page, a refused form, each end page, a used link's page, every e-mail, the digest, the case files, the outbox
// page), read as a person sees it, against the one list of codes (functions/domain/visible-codes.ts).
import { describe, expect, it } from 'vitest';
import { VISIBLE_CODES } from '../../functions/domain/visible-codes.ts';
import { sendDailyDigest } from '../../functions/use-cases/digest.ts';
import type { Dependencies } from '../../functions/ports.ts';
import { linkIn, mailTo, outbox, postForm, reportWithStatus, submitReport, workflowApi } from '../support/workflow.ts';

const api = workflowApi();
const BANTUL = 'bantul.demo.netra.example';

/** What a person reads: the text outside tags, and the attributes a browser shows (labels, titles, alt text). */
function visibleText(document: string): string {
  const shown = [...document.matchAll(/\s(?:label|title|alt|placeholder|aria-label)="([^"]*)"/g)].map((m) => m[1]);
  const text = document
    .replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [text, ...shown].join(' ');
}

const CODE = new RegExp(`(?<![A-Za-z0-9_])(${[...VISIBLE_CODES].sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z0-9_])`, 'g');

function codesIn(document: string): string[] {
  const text = visibleText(document);
  return [...new Set([...text.matchAll(CODE)].map((m) => m[1]!)), ...(/\bBKPP\b/.test(text) ? ['BKPP (generic)'] : [])];
}

describe('words, not codes, in every document of a full path', () => {
  it('finds no code and no generic BKPP in Bantul\'s pages, e-mails, digest, case files and outbox', async () => {
    const documents: [string, string][] = [];
    const page = async (name: string, response: Response | Promise<Response>) => documents.push([name, await (await response).text()]);
    const mail = (box: string) => `${box}@${BANTUL}`;

    // Sanctioned: OPD head forwards, BKPSDM recommends (after a refused form), the PPK imposes.
    const sanctioned = await submitReport(api, { category: 'KAMPANYE' });
    const opd = linkIn(await mailTo(api, mail('kepala.disdik'), sanctioned.receiptCode));
    await page('opd form', fetch(opd));
    await page('opd done', postForm(opd, { outcome: 'FORWARD', notes: 'Layak ditindaklanjuti.' }));
    await page('used link', fetch(opd));
    const bkpp = linkIn(await mailTo(api, mail('bkpsdm'), sanctioned.receiptCode));
    await page('bkpp form', fetch(bkpp));
    await page('bkpp refused', postForm(bkpp, { outcome: 'RECOMMEND', level: 'RINGAN', sanction: 'POTONG_TUKIN_12' }));
    await page('bkpp done', postForm(bkpp, { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_6' }));
    const ppk = linkIn(await mailTo(api, mail('ppk'), sanctioned.receiptCode));
    await page('ppk form', fetch(ppk));
    await page('ppk done', postForm(ppk, { outcome: 'IMPOSE', sanction: 'POTONG_TUKIN_6', decreeNumber: '800/77/2024' }));
    await reportWithStatus(api, sanctioned.id, 'SANCTIONED');
    await mailTo(api, mail('bawaslu'), sanctioned.receiptCode, /selesai/);

    // Dismissed by the OPD head.
    const dismissed = await submitReport(api);
    const opd2 = linkIn(await mailTo(api, mail('kepala.disdik'), dismissed.receiptCode));
    await page('opd dismissed', postForm(opd2, { outcome: 'DISMISS', notes: 'Tidak cukup bukti.' }));
    await reportWithStatus(api, dismissed.id, 'DISMISSED');
    await mailTo(api, mail('bawaslu'), dismissed.receiptCode, /selesai/);

    await sendDailyDigest(api.deps as unknown as Dependencies, '34.02');
    for (const id of [sanctioned.id, dismissed.id]) await page(`case file ${id}`, api.request(`/v1/reports/${id}/case-file`));
    await page('outbox', api.request('/local/outbox', { key: null, headers: { accept: 'text/html' } }));
    const ours = new Set([sanctioned.receiptCode, dismissed.receiptCode]);
    for (const m of await outbox(api)) {
      if (![...ours].some((code) => m.subject.includes(code)) && !/ringkasan|digest/i.test(m.subject)) continue;
      documents.push([`mail "${m.subject}" (text)`, m.text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)], [`mail "${m.subject}" (html)`, m.html]);
    }

    expect(documents.filter(([name]) => name.startsWith('mail')).length).toBeGreaterThanOrEqual(12);
    expect(documents.some(([name]) => /ringkasan|digest/i.test(name))).toBe(true);
    const found = documents.map(([name, body]) => [name, codesIn(body)] as const).filter(([, codes]) => codes.length);
    expect(found).toEqual([]);
    // The region's own agency is named instead, in the case file too.
    expect(visibleText(documents.find(([name]) => name === `case file ${sanctioned.id}`)![1])).toContain('BKPSDM Kabupaten Bantul');
  });

  it('catches what it looks for: a code in text, in a label attribute, and a bare BKPP', () => {
    expect(codesIn('<p>Status: AWAITING_PPK_DECISION</p>')).toEqual(['AWAITING_PPK_DECISION']);
    expect(codesIn('<optgroup label="MORAL">')).toEqual(['MORAL']);
    expect(codesIn('<p>Teruskan ke BKPP</p>')).toEqual(['BKPP (generic)']);
    expect(codesIn('<p>Kampanye, Penilaian BKPSDM</p><option value="KAMPANYE">')).toEqual([]);
  });
});
