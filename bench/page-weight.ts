/**
 * How heavy the reference client is on first load: requests, bytes and time until the
 * first heading is shown, for the person's page and the professional's, in Debian's
 * Chromium against a local server. Run: npx tsx bench/page-weight.ts
 */
import { launchBrowser } from '../tests/web/browser.ts';
import { startWebServer } from '../tests/web/web-server.ts';

const server = await startWebServer();
const browser = await launchBrowser();
try {
  for (const path of ['/', '/staff']) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const sizes: number[] = [];
    const offsite: string[] = [];
    page.on('response', async (res) => {
      if (!res.url().startsWith(server.base)) offsite.push(res.url());
      sizes.push((await res.body().catch(() => Buffer.alloc(0))).length);
    });
    const start = performance.now();
    await page.goto(server.base + path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const ms = performance.now() - start;
    await page.waitForLoadState('networkidle');
    const bytes = sizes.reduce((a, b) => a + b, 0);
    console.log(`${path.padEnd(7)} ${sizes.length} requests, ${(bytes / 1024).toFixed(1)} KiB uncompressed, first heading after ${ms.toFixed(0)} ms, off-site requests: ${offsite.length}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
