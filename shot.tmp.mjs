import { chromium } from 'playwright-core';
const [url, name, post] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [360, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  if (post) {
    await page.goto(url);
    await page.check('input[value="RECOMMEND"]');
    await page.selectOption('#level', 'RINGAN');
    await page.selectOption('#sanction', 'TEGURAN_TERTULIS');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  } else await page.goto(url);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(width, 'horizontal overflow px:', overflow);
  await page.screenshot({ path: `/tmp/guid/${name}-${width}.png`, fullPage: true });
  await page.close();
}
await browser.close();
