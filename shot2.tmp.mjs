import { chromium } from 'playwright-core';
const [url, name, selector] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [360, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(url);
  await page.locator(selector).screenshot({ path: `/tmp/guid/${name}-${width}.png` });
  await page.close();
}
await browser.close();
