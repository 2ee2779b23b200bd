// A real browser (Chromium: the system one, or the one an npm package ships) walks a whole report as its approvers would, JavaScript off: the outbox,
// each e-mailed link, a mistake, each decision, and the links after their use. Every page reached and every
// e-mail sent is then checked at phone (360 px) and desktop (1280 px) width: nothing wider than the screen, a
// summary one can read, and no serious or critical axe-core finding. Screenshots: test/e2e/screenshots/.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable, launchBrowser } from '../support/chromium.ts';
import axe from 'axe-core';
import { reportBody } from '../support/api.ts';
import { linkIn, mailTo, outbox, postForm, reportWithStatus, workflowApi } from '../support/workflow.ts';
import { appealDeadlinePassedEmail } from '../../functions/views/emails.ts';
import { deadlineLine } from '../../functions/domain/appeals.ts';
import { factsOf } from '../../functions/use-cases/sanction/shared/step-support.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { endPage } from '../../functions/views/end-pages.ts';
import { decisionDeadline } from '../../functions/use-cases/sanction/deadlines.ts';
import { decisionKey } from '../../functions/domain/decision-links.ts';
import { digestEmail } from '../../functions/views/digest-email.ts';

const SCREENS = join(import.meta.dirname, 'screenshots');
const WIDTHS = [360, 1280] as const;
const deps = dependencies();
const api = workflowApi();
let reader: BrowserContext;
let browser: Browser;
let auditor: BrowserContext;

beforeAll(async () => {
  rmSync(SCREENS, { recursive: true, force: true });
  mkdirSync(SCREENS, { recursive: true });
  // The reader: a fresh profile, no JavaScript, as the pages must work without it (their CSP forbids it anyway).
  reader = await launchBrowser({ viewport: { width: 360, height: 800 } });
  // The auditor renders a captured page to measure it and run axe-core, which needs script (and so the CSP lifted).
  browser = await chromium.launch({ executablePath: await chromiumExecutable(), headless: true, args: CHROMIUM_ARGS });
  auditor = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 800 } });
});
afterAll(async () => {
  await reader?.close();
  await auditor?.close();
  await browser?.close();
});

interface Measure {
  scrollWidth: number;
  innerWidth: number;
  narrowest: number;
  violations: { id: string; impact: string; nodes: string[] }[];
}

/** Renders the HTML at a width and measures it: overflow, the narrowest summary value, axe-core's findings. */
async function audit(name: string, content: string): Promise<void> {
  const page = await auditor.newPage();
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.setContent(content, { waitUntil: 'load' });
      await page.addScriptTag({ content: axe.source });
      const measured: Measure = await page.evaluate(async () => {
        const win = globalThis as any; // the page's window (the test's tsconfig has no DOM types)
        const values = [...win.document.querySelectorAll('dl.summary dd, [style*="overflow-wrap:anywhere"]')];
        const result = await win.axe.run(win.document, { resultTypes: ['violations'] });
        return {
          scrollWidth: win.document.documentElement.scrollWidth,
          innerWidth: win.innerWidth,
          narrowest: values.length ? Math.min(...values.map((v: any) => v.getBoundingClientRect().width)) : Infinity,
          violations: result.violations
            .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
            .map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n: any) => n.html) })),
        };
      });
      await page.screenshot({ path: join(SCREENS, `${name}-${width}.png`), fullPage: true });
      expect(measured.scrollWidth, `${name} at ${width}px is wider than the screen`).toBeLessThanOrEqual(measured.innerWidth);
      // Label over value on a phone: a value gets at least half the screen, so an id does not run down the page;
      // on a desktop the column is capped for line length, and a value gets at least 20 rem of it.
      expect(measured.narrowest, `${name} at ${width}px: a summary value is too narrow`).toBeGreaterThanOrEqual(width < 600 ? width / 2 : 320);
      expect(measured.violations, `${name} at ${width}px: axe-core`).toEqual([]);
    }
  } finally {
    await page.close();
  }
}

async function captured(page: Page): Promise<string> {
  return page.content();
}

async function openFromOutbox(page: Page, receiptCode: string, to: string): Promise<void> {
  await page.goto(`${api.url}/local/outbox`);
  await page.locator('article', { hasText: receiptCode }).filter({ hasText: to }).locator('a[href*="/decisions/"]').first().click();
  await page.waitForLoadState();
}

describe('a whole report in a browser, at 360 px and 1280 px', () => {
  it('every page and every e-mail reads on a phone and on a desktop', async () => {
    const pages: [string, string][] = [];
    const response = await api.request('/v1/reports', {
      method: 'POST',
      json: reportBody({
        description: 'Mengunggah foto dukungan <b>paslon</b> di Instagram pribadi, dengan tautan https://www.instagram.com/p/DAbCdEfGhIjKlMnOpQrStUvWxYz0123456789/?igsh=MTc4MmM1YmI2Ng==',
        evidenceUrls: ['https://example.org/bukti/tangkapan-layar-unggahan-instagram-2024-10-02-pukul-21-14-sangat-panjang.png'],
      }),
    });
    const { id, receiptCode } = await response.json();
    const page = await reader.newPage();

    // OPD head: the form, a dismissal without reasons (400, kept values), then forward.
    await mailTo(api, 'kepala.disdik@bantul.demo.netra.example', receiptCode);
    await openFromOutbox(page, receiptCode, 'kepala.disdik');
    expect(await page.locator('h1').textContent()).toContain('Telaah Kepala OPD');
    const body = await page.locator('body').textContent();
    expect(body).toContain('<b>paslon</b>'); // shown as text, not markup
    expect(body).not.toContain('Siti Rahma');
    expect(body).toContain('WIB');
    expect(body).not.toMatch(/MEDIA_SOSIAL|NON_ASN|\bBKPP\b/);
    pages.push(['opd-form', await captured(page)]);
    const opdLink = page.url();
    await page.check('input[name="outcome"][value="DISMISS"]');
    await page.click('button[type="submit"]');
    expect(await page.locator('.errors').textContent()).toContain('alasan wajib diisi');
    expect(await page.isChecked('input[name="outcome"][value="DISMISS"]')).toBe(true);
    pages.push(['opd-form-error', await captured(page)]);
    await page.check('input[name="outcome"][value="FORWARD"]');
    await page.fill('textarea[name="notes"]', 'Layak ditindaklanjuti BKPSDM.');
    await page.click('button[type="submit"]');
    expect(await page.locator('h1').textContent()).toContain('Keputusan tercatat');
    expect(await page.locator('.next').textContent()).toContain('BKPSDM Kabupaten Bantul');
    pages.push(['opd-done', await captured(page)]);
    await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');

    // BKPSDM: a sanction of another level is refused, then a fitting one recommended.
    await mailTo(api, 'bkpsdm@bantul.demo.netra.example', receiptCode);
    await openFromOutbox(page, receiptCode, 'bkpsdm@');
    expect(await page.locator('h1').textContent()).toContain('Penilaian BKPSDM');
    pages.push(['bkpp-form', await captured(page)]);
    const bkppLink = page.url();
    // On a 360 px phone the form is one tap away: the jump link sits on the first screen, and takes the form there.
    const first = await page.evaluate(`({ jump: document.querySelector('.jump a').getBoundingClientRect().bottom, form: document.getElementById('keputusan').getBoundingClientRect().top + scrollY, tall: document.documentElement.scrollHeight })`) as { jump: number; form: number; tall: number };
    console.log(`BKPSDM page at 360 px: ${first.tall} px tall, the form at ${Math.round(first.form)} px, the jump link's bottom at ${Math.round(first.jump)} px`);
    expect(first.jump).toBeLessThan(800);
    await page.click('.jump a');
    expect(Number(await page.evaluate(`Math.abs(document.getElementById('keputusan').getBoundingClientRect().top)`))).toBeLessThan(5);
    // Every wrong field at once: a sanction of another level, and the notes a level outside the guidance needs.
    await page.check('input[name="outcome"][value="RECOMMEND"]');
    await page.check('input[name="level"][value="RINGAN"]');
    await page.check('input[name="sanction"][value="POTONG_TUKIN_12"]');
    await page.click('button[type="submit"]');
    expect(await page.locator('#sanction-error').textContent()).toContain('bukan sanksi tingkat Hukuman disiplin ringan');
    expect(await page.locator('#notes-error').textContent()).toContain('di luar jalur sanksi katalog panduan');
    // The summary links each error to its field.
    expect(await page.locator('.errors a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#sanction', '#notes']);
    pages.push(['bkpp-form-error', await captured(page)]);
    await page.check('input[name="sanction"][value="TEGURAN_TERTULIS"]');
    await page.fill('textarea[name="notes"]', 'Unggahan segera dihapus dan pegawai mengakui kekeliruannya.');
    await page.click('button[type="submit"]');
    expect(await page.locator('h1').textContent()).toContain('Keputusan tercatat');
    pages.push(['bkpp-done', await captured(page)]);
    await reportWithStatus(api, id, 'AWAITING_PPK_DECISION');

    // PPK: BKPSDM's recommendation is shown in words; impose it with a decree number.
    await mailTo(api, 'ppk@bantul.demo.netra.example', receiptCode);
    await openFromOutbox(page, receiptCode, 'ppk@');
    const ppkText = await page.locator('body').textContent();
    expect(ppkText).toContain('Rekomendasi BKPSDM');
    expect(ppkText).toContain('Teguran tertulis');
    expect(ppkText).not.toContain('TEGURAN_TERTULIS');
    pages.push(['ppk-form', await captured(page)]);
    await page.check('input[name="outcome"][value="IMPOSE"]');
    await page.fill('input[name="decreeNumber"]', '800/1234/BKPSDM/2024');
    // The recommended light level is on no path of the guidance for this act: the PPK gives reasons too.
    await page.fill('textarea[name="notes"]', 'Mengikuti rekomendasi BKPSDM: unggahan segera dihapus.');
    await page.click('button[type="submit"]');
    expect(await page.locator('h1').textContent()).toContain('Keputusan tercatat');
    pages.push(['ppk-done', await captured(page)]);
    await reportWithStatus(api, id, 'SANCTIONED');
    await mailTo(api, 'bawaslu@bantul.demo.netra.example', receiptCode, /selesai/);

    // The links after their use, and links that were never good.
    await page.goto(bkppLink);
    expect(await page.locator('h1').textContent()).toContain('Keputusan sudah tercatat');
    // Who decided what, and when.
    expect(await page.locator('body').textContent()).toMatch(/tercatat pada \d{4}-\d{2}-\d{2} \d{2}:\d{2} WIB oleh .+: Penilaian BKPSDM: Rekomendasikan sanksi; Sanksi: Teguran tertulis/);
    pages.push(['end-used', await captured(page)]);
    await page.goto(opdLink.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAA'));
    expect(await page.locator('h1').textContent()).toContain('Tautan tidak sah');
    pages.push(['error-403', await captured(page)]);

    // A second report whose OPD head stays silent: after the deadline the head's link says where it went.
    const second = await (await api.request('/v1/reports', { method: 'POST', json: reportBody() })).json();
    const silent = linkIn(await mailTo(api, 'kepala.disdik@bantul.demo.netra.example', second.receiptCode));
    const decisionId = new URL(silent).pathname.split('/').pop()!;
    await decisionDeadline(deps, { regionId: '34.02', reportId: second.id, step: 'OPD_REVIEW', decisionKey: decisionKey(decisionId) });
    await page.goto(silent);
    expect(await page.locator('body').textContent()).toContain('diteruskan otomatis ke BKPSDM Kabupaten Bantul');
    pages.push(['end-moved-on', await captured(page)]);
    // An expired link cannot be reached in a test's time; its page comes from the same builder.
    pages.push(['end-expired', endPage(410, { reason: 'expired' }).body]);

    await page.goto(`${api.url}/local/outbox`);
    pages.push(['outbox', await captured(page)]);
    await page.close();

    for (const [name, content] of pages) await audit(name, content);
    const mails = (await outbox(api)).filter((m) => m.subject.includes(receiptCode));
    expect(mails.map((m) => m.to[0]!.split('@')[0])).toEqual(['kepala.disdik', 'bkpsdm', 'ppk', 'bawaslu']);
    for (const [i, mail] of mails.entries()) {
      expect(mail.html).toContain('name="viewport"');
      expect(mail.html).not.toMatch(/<link\b|<style\b|class="/); // inline styles only
      expect(mail.text + mail.html).not.toMatch(/TEGURAN_TERTULIS|MEDIA_SOSIAL|NON_ASN|\bBKPP\b/);
      await audit(`mail-${i + 1}-${mail.to[0]!.split('@')[0]}`, mail.html);
    }
    // Bawaslu's daily digest, with the report received and overdue: the same checks.
    const stored = (await deps.reports.get('34.02', id))!.report;
    const digest = digestEmail({
      region: { id: '34.02', name: 'Kabupaten Bantul', agencyName: 'BKPSDM' }, date: '2024-10-03', zone: 'Asia/Jakarta',
      bawaslu: { name: 'Bawaslu Kabupaten Bantul', email: 'bawaslu@bantul.demo.netra.example' }, received: [stored], overdue: [stored],
    });
    expect(digest.html).toContain('name="viewport"');
    expect(digest.html).not.toMatch(/<link\b|<style\b|class="/);
    expect(digest.text + digest.html).not.toMatch(/TEGURAN_TERTULIS|MEDIA_SOSIAL|NON_ASN|\bBKPP\b/);
    await audit('mail-digest', digest.html);
  }, 240_000);

  it('the objection to the PPK: its page, a mistake, the decision, and its e-mails read on a phone and on a desktop', async () => {
    const pages: [string, string][] = [];
    const grounds = 'Saya hadir di lokasi sebagai warga, tanpa atribut, dan tidak menyatakan dukungan kepada pasangan calon mana pun.';
    const { id, receiptCode } = await (await api.request('/v1/reports', { method: 'POST', json: reportBody({ employee: { ...reportBody().employee, opdId: 'dpupr' } }) })).json();
    const recommend = { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', notes: 'Terbukti.' };
    expect((await postForm(linkIn(await mailTo(api, 'bkpsdm@bantul.demo.netra.example', receiptCode)), recommend)).status).toBe(200);
    expect((await postForm(linkIn(await mailTo(api, 'ppk@bantul.demo.netra.example', receiptCode)), { ...recommend, outcome: 'IMPOSE', decreeNumber: '800/77/BKPSDM/2026' })).status).toBe(200);
    await reportWithStatus(api, id, 'SANCTIONED');
    const filed = await api.request(`/v1/reports/${id}/appeals`, { method: 'POST', json: { kind: 'KEBERATAN', filedAt: new Date().toISOString(), grounds, documentUrls: ['https://example.org/keberatan/surat-keberatan-pegawai-yang-sangat-panjang-namanya-2026.pdf'] } });
    expect(filed.status).toBe(201);

    const request = await mailTo(api, 'ppk@bantul.demo.netra.example', receiptCode, /Keberatan/);
    const page = await reader.newPage();
    await page.goto(linkIn(request));
    expect(await page.locator('h1').textContent()).toContain('Keberatan kepada PPK');
    const text = (await page.locator('body').textContent())!;
    expect(text).toContain(grounds);
    expect(text).toContain('Keputusan semula');
    expect(text).toContain('Pemotongan tunjangan kinerja 25% selama 9 bulan');
    expect(text).toContain('WIB');
    expect(text).toContain('BKPSDM');
    expect(text).not.toMatch(/POTONG_TUKIN|RINGANKAN|KUATKAN|BATALKAN|MEDIA_SOSIAL|\bBKPP\b/);
    pages.push(['objection-form', await captured(page)]);
    // A "lighter" sanction that is heavier, without decree and reasons: every error at once, each linked to its field.
    await page.check('input[name="outcome"][value="RINGANKAN"]');
    await page.check('input[name="sanction"][value="POTONG_TUKIN_12"]');
    await page.click('button[type="submit"]');
    expect(await page.locator('#sanction-error').textContent()).toContain('harus lebih ringan dari Pemotongan tunjangan kinerja 25% selama 9 bulan');
    expect(await page.locator('.errors a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#sanction', '#decreeNumber', '#notes']);
    expect(await page.isChecked('input[name="outcome"][value="RINGANKAN"]')).toBe(true);
    pages.push(['objection-form-error', await captured(page)]);
    await page.check('input[name="sanction"][value="POTONG_TUKIN_6"]');
    await page.fill('input[name="decreeNumber"]', '800/78/BKPSDM/2026');
    await page.fill('textarea[name="notes"]', 'Kehadiran pasif; sanksi diperingan.');
    await page.click('button[type="submit"]');
    expect(await page.locator('h1').textContent()).toContain('Keputusan tercatat');
    expect(await page.locator('.next').textContent()).toContain('Bawaslu diberi tahu');
    pages.push(['objection-done', await captured(page)]);
    await page.close();

    for (const [name, content] of pages) await audit(name, content);
    const told = await mailTo(api, 'bawaslu@bantul.demo.netra.example', receiptCode, /diputus/);
    const deadline = appealDeadlinePassedEmail({
      facts: await factsOf(deps, (await deps.reports.get('34.02', id))!.report), appeal: (await deps.reports.get('34.02', id))!.report.appeals![0]!,
      line: deadlineLine((await deps.reports.get('34.02', id))!.report.appeals![0]!, 'Asia/Jakarta'),
      bawaslu: { name: 'Bawaslu Kabupaten Bantul', email: 'bawaslu@bantul.demo.netra.example' },
    });
    for (const [name, mail] of [['mail-objection-request', request], ['mail-objection-decided', told], ['mail-objection-deadline', deadline]] as const) {
      expect(mail.html).toContain('name="viewport"');
      expect(mail.html).not.toMatch(/<link\b|<style\b|class="/);
      expect(mail.text + mail.html).not.toMatch(/POTONG_TUKIN|RINGANKAN|MEDIA_SOSIAL|\bBKPP\b/);
      await audit(name, mail.html);
    }
  }, 240_000);
});
