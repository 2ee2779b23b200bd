// A person's record page in a real browser (Chromium, JavaScript off), as the region's data protection officer
// opens it with the region's key to print and hand over: at 360 px and 1280 px it fits the width, says what it
// holds in Indonesian words with the region's agency and zone, and prints. Screenshots land in /tmp for a look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../support/chromium.ts';
import { ceremonyBody, reportBody, satgasBody, seedRegion, signatory, startTestApi, type TestApi } from '../support/api.ts';

const NIP = '198703032010012005';
let api: TestApi;
let context: BrowserContext;
let receiptCode: string;
let key: string;

beforeAll(async () => {
  api = await startTestApi();
  context = await launchBrowser();
  key = await seedRegion(api.deps, '64.02'); // Kutai Kartanegara: BKPSDM, WITA
  await context.setExtraHTTPHeaders({ 'x-api-key': key });
  const employee = { nip: NIP, name: 'Ratna Kusumawati', position: 'Kepala Seksi Kurikulum Pendidikan Dasar', opdId: 'disdik', employmentType: 'PNS' };
  const submitted = await api.request('/v1/reports', {
    method: 'POST',
    json: reportBody({ employee, description: 'Mengunggah foto bersama pasangan calon dengan pose jari di akun media sosial pribadi <b>dinas</b>.' }),
    key: key,
  });
  expect(submitted.status).toBe(202);
  receiptCode = (await submitted.json()).receiptCode;
  const ceremony = await (await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody(), key: key })).json();
  await api.request(`/v1/ceremonies/${ceremony.id}/signatories`, {
    method: 'POST', json: { signatories: [signatory({ nip: NIP, name: employee.name, position: employee.position })] }, key: key,
  });
  const satgas = satgasBody();
  satgas.members.push({ name: employee.name, role: 'ANGGOTA', nip: NIP });
  expect((await api.request('/v1/directory/opds/disdik/satgas', { method: 'PUT', json: satgas, key: key })).status).toBe(200);
});
afterAll(async () => {
  await context?.close();
  await api?.close();
});

describe('the person\'s record page', () => {
  it.each([360, 1280])('reads at %i px: the report, the signature and the Satgas seat, nothing wider than the screen', async (width) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto(`${api.url}/v1/people/${NIP}`);
    expect(response!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Data Pribadi yang Disimpan');
    const body = (await page.locator('body').textContent())!;
    expect(body).toContain('BKPSDM Kabupaten Kutai Kartanegara');
    expect(body).toContain(receiptCode);
    expect(body).toContain('Dinas Pendidikan'); // the OPD's name, not its id
    expect(body).toContain('Ikrar netralitas ASN');
    expect(body).toContain('Anggota Satgas netralitas');
    expect(body).toContain('<b>dinas</b>'); // text, not markup
    expect(body).toMatch(/WITA/); // the region's zone
    expect(body).not.toMatch(/\b(IKRAR_ASN|ANGGOTA|RECEIVED|MEDIA_SOSIAL|disdik)\b/); // words, never codes
    expect(body).not.toContain('Siti Rahma'); // the demo report's reporter
    expect(await page.locator('[data-report]').count()).toBe(1);

    await page.screenshot({ path: `/tmp/netra-person-record-${width}.png`, fullPage: true });
    const scroll = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number); // no DOM types here
    expect(scroll).toBeLessThanOrEqual(width);
    await page.close();
  });

  it('prints on A4', async () => {
    const page = await context.newPage();
    expect((await page.goto(`${api.url}/v1/people/${NIP}`))!.status()).toBe(200);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
