// The fallback browser: on a machine without Debian's Chromium, the browser tests drive the one @sparticuz/chromium
// ships. This runs it on every machine, so a fresh one without a system browser is known to work.
import { afterEach, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { chromiumExecutable, launchBrowser } from '../support/chromium.ts';

let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  delete process.env.NETRA_CHROMIUM;
});

it('renders a page with the Chromium the npm package ships', async () => {
  process.env.NETRA_CHROMIUM = 'packaged';
  const executable = await chromiumExecutable();
  expect(executable).not.toBe('/usr/bin/chromium');
  context = await launchBrowser({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.setContent('<!doctype html><meta name="viewport" content="width=device-width"><h1>Ikrar Netralitas ASN</h1>');
  expect(await page.textContent('h1')).toBe('Ikrar Netralitas ASN');
  expect(page.viewportSize()?.width).toBe(360);
  expect(await page.evaluate('innerWidth')).toBe(360);
});
