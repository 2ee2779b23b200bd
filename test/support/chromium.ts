// The Chromium the browser tests drive: Debian's when the machine has it, else the one @sparticuz/chromium ships
// inside its npm package (unpacked to /tmp on first use, no download), so `npm test` needs no system browser.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** NETRA_CHROMIUM=packaged forces the packaged browser (to test the fallback on a machine that has both). */
export async function chromiumExecutable(): Promise<string> {
  if (process.env.NETRA_CHROMIUM !== 'packaged' && existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** Flags for a headless run on a machine with no network: no sandbox (root in CI), nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A fresh profile each run; JavaScript off unless asked: the pages must work without it (their CSP forbids it). */
export async function launchBrowser(options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'netra-chromium-')), {
    executablePath: await chromiumExecutable(),
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: options.javaScriptEnabled ?? false,
    viewport: options.viewport ?? { width: 900, height: 1300 },
  });
}
