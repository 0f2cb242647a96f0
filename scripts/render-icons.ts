/**
 * Renders the app icons (web/static/icons/*.png) from icons/icon.svg in Debian's
 * Chromium, for the web app manifest. Run after changing the SVG: npx tsx scripts/render-icons.ts
 * The maskable icon keeps the drawing inside the safe zone (80 %) on a full-bleed background.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/web/browser.ts';

const dir = fileURLToPath(new URL('../web/static/icons/', import.meta.url));
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const data = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const targets: [string, number, boolean][] = [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true]];
  for (const [name, size, maskable] of targets) {
    await page.setViewportSize({ width: size, height: size });
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setContent(
      `<body style="margin:0;background:${maskable ? '#1d5c63' : 'transparent'};display:grid;place-items:center;width:${size}px;height:${size}px"><img src="${data}" width="${inner}" height="${inner}"></body>`,
    );
    await page.screenshot({ path: join(dir, name), omitBackground: !maskable, clip: { x: 0, y: 0, width: size, height: size } });
  }
} finally {
  await browser.close();
}
