/**
 * How heavy the reference client is on first load: requests, bytes and time until the
 * first heading is shown, for the person's page and the professional's, in Debian's
 * Chromium against a local server. For the person's app also what the service worker
 * then keeps on the device for offline use (fetched in the background, not before the
 * first heading). Run: npx tsx bench/page-weight.ts
 */
import { launchBrowser } from '../tests/web/browser.ts';
import { startWebServer } from '../tests/web/web-server.ts';

const server = await startWebServer();
const browser = await launchBrowser();
try {
  for (const path of ['/', '/staff']) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
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
    if (path === '/') {
      await page.evaluate('navigator.serviceWorker.ready');
      const kept = (await page.evaluate(`(async () => {
        let files = 0, bytes = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) { files += 1; bytes += (await (await cache.match(request)).arrayBuffer()).byteLength; }
        }
        return { files, bytes };
      })()`)) as { files: number; bytes: number };
      console.log(`        the service worker keeps ${kept.files} files, ${(kept.bytes / 1024).toFixed(1)} KiB, for offline use`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
