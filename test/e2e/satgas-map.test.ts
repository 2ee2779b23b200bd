// The vulnerability map page in a real browser (Chromium, JavaScript off), as a BKPSDM officer opens
// it with the region's key: at 360 px and 1280 px it fits the width, its cells say what the risks are, and it
// prints. Screenshots land in /tmp for a look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../support/chromium.ts';
import { activityBody, satgasBody, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let context: BrowserContext;

beforeAll(async () => {
  api = await startTestApi();
  context = await launchBrowser();
  // The page is keyed like every region figure: the officer's browser (or the region's portal) sends the key.
  await context.setExtraHTTPHeaders({ 'x-api-key': api.keys['34.02']! });
  for (const opdId of ['disdik', 'dinkes']) {
    expect((await api.request(`/v1/directory/opds/${opdId}/satgas`, { method: 'PUT', json: satgasBody() })).status).toBe(200);
  }
  const risk = (stage: string, category: string, level: string, description: string) => ({ stage, category, level, description });
  const posted = await api.request('/v1/satgas/activities', {
    method: 'POST',
    json: activityBody({
      risks: [
        risk('KAMPANYE', 'MEDIA_SOSIAL', 'TINGGI', 'Grup WhatsApp guru dipakai menyebarkan materi kampanye <b>paslon</b>.'),
        risk('KAMPANYE', 'MEDIA_SOSIAL', 'SEDANG', 'Guru menyukai unggahan calon.'),
        risk('MASA_TENANG', 'POLITIK_UANG', 'RENDAH', 'Bingkisan di sekolah.'),
        risk('PEMUNGUTAN_PENGHITUNGAN', 'INTIMIDASI', 'TINGGI', 'Kepala sekolah mengarahkan pilihan staf.'),
      ],
    }),
  });
  expect(posted.status).toBe(201);
  const { riskIds } = await posted.json();
  await api.request(`/v1/satgas/risks/${riskIds[3]}`, { method: 'PUT', json: { status: 'DITANGANI', note: 'Kepala sekolah dibina.' } });
});
afterAll(async () => {
  await context?.close();
  await api?.close();
});

describe('the vulnerability map page', () => {
  it.each([360, 1280])('reads at %i px: the open risks in their cells, nothing wider than the screen', async (width) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto(`${api.url}/v1/satgas/risks?electionId=pilkada-2024`);
    expect(response!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toContain('Peta Kerawanan');
    const cell = (stage: string, category: string) => page.locator(`svg g[data-stage="${stage}"][data-category="${category}"]`);
    expect(await cell('KAMPANYE', 'MEDIA_SOSIAL').getAttribute('data-count')).toBe('2');
    expect(await cell('KAMPANYE', 'MEDIA_SOSIAL').locator('rect').getAttribute('fill')).toBe('#c8382a'); // its highest level: TINGGI
    expect(await cell('MASA_TENANG', 'POLITIK_UANG').getAttribute('data-count')).toBe('1');
    expect(await cell('PEMUNGUTAN_PENGHITUNGAN', 'INTIMIDASI').getAttribute('data-count')).toBe('0'); // handled
    expect(await page.locator('body').textContent()).toContain('<b>paslon</b>'); // text, not markup
    expect(await page.locator('[data-risk]').count()).toBe(3);

    await page.screenshot({ path: `/tmp/netra-satgas-map-${width}.png`, fullPage: true });
    await page.locator('svg').screenshot({ path: `/tmp/netra-satgas-map-${width}-chart.png` });
    const svg = (await page.locator('svg').boundingBox())!;
    expect(svg.x).toBeGreaterThanOrEqual(0);
    expect(svg.x + svg.width).toBeLessThanOrEqual(width);
    // Labels stay readable: the drawing is not shrunk below 85% of its own size on a phone.
    expect(svg.width).toBeGreaterThan(width === 360 ? 300 : 500);
    const table = (await page.locator('table').boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(width);
    await page.close();
  });

  it('prints on A4 with the heat map', async () => {
    const page = await context.newPage();
    await page.goto(`${api.url}/v1/satgas/risks?electionId=pilkada-2024`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });
});
