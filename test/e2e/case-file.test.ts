// The case file in a real browser (Chromium, test/support/chromium.ts): read on a phone (360 px) and a desktop (1280 px), and
// printed to A4 PDF as "Save as PDF" would; the PDF's own text is extracted (unpdf) and checked.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { reportBody } from '../support/api.ts';
import { chromiumExecutable, CHROMIUM_ARGS } from '../support/chromium.ts';
import { linkIn, mailTo, postForm, report, reportWithStatus, submitReport, workflowApi } from '../support/workflow.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';

const bantul = DEMO_REGIONS.find((d) => d.region.id === '34.02')!;
const reporter = reportBody().reporter as { name: string; contact: string };
const api = workflowApi();
let browser: Browser;

beforeAll(async () => {
  // Its own browser (not launchBrowser's persistent context): one context per screen width.
  browser = await chromium.launch({ executablePath: await chromiumExecutable(), headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

describe('the case file in a browser', () => {
  it('reads on 360 and 1280 px and prints to a clean A4 PDF without the reporter', async () => {
    const source = { kind: 'BKN_RECOMMENDATION', number: 'B-9/R-BKN/XI/2024', issuedAt: '2024-11-01', recommendedLevel: 'SEDANG', recommendedSanction: 'POTONG_TUKIN_12' };
    // KAMPANYE: SEDANG is on the guidance's path, so the decisions need no notes.
    const { id, receiptCode } = await submitReport(api, { category: 'KAMPANYE', source });
    const mail = (box: string) => `${box}@${bantul.domain}`;
    expect((await postForm(linkIn(await mailTo(api, mail('bkpsdm'), receiptCode)), { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_12' })).status).toBe(200);
    expect((await postForm(linkIn(await mailTo(api, mail('ppk'), receiptCode)), { outcome: 'IMPOSE', sanction: 'POTONG_TUKIN_12', decreeNumber: '800/2468/2024' })).status).toBe(200);
    await reportWithStatus(api, id, 'SANCTIONED');
    const r = await report(api, id);

    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: { 'x-api-key': api.keys['34.02']! } });
      const page = await context.newPage();
      const response = await page.goto(`${api.url}/v1/reports/${id}/case-file`);
      expect(response?.status()).toBe(200);
      // Nothing wider than the screen: long hashes and links wrap.
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
      expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `/tmp/netra-case-file-${width}.png`, fullPage: true });
      if (width === 1280) {
        const pdf = await page.pdf({ format: 'A4', printBackground: false });
        writeFileSync('/tmp/netra-case-file.pdf', pdf);
        const document = await getDocumentProxy(new Uint8Array(pdf));
        expect(document.numPages).toBeGreaterThanOrEqual(1);
        const { text } = await extractText(document, { mergePages: true });
        const flat = text.replace(/\s+/g, ' ');
        for (const expected of ['Berkas Perkara', 'Kabupaten Bantul', 'BKPSDM', 'B-9/R-BKN/XI/2024', '800/2468/2024', 'Budi Santoso', 'Keputusan PPK', 'Dibuat / Produced']) {
          expect(flat).toContain(expected);
        }
        // The chain's last hash is printed whole (it may wrap across lines).
        expect(text.replace(/\s+/g, '')).toContain(r.timelineHash);
        expect(flat).not.toContain(reporter.name);
        expect(flat).not.toContain(reporter.contact);
      }
      await context.close();
    }
  });
});
