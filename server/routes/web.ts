/**
 * Serves the reference web client (web/): the person's app at `/`, the professional's
 * at `/staff`, and their scripts and styles under `/static/`. Everything the client
 * needs comes from here - no CDN, no third-party request - and the client talks to the
 * server only through the public API. The proof-of-work solver is altcha-lib's own,
 * served from node_modules under `/static/vendor/altcha/` (its two browser modules). The
 * web app manifest and the service worker (static/sw.js, allowed to control `/`) make the
 * person's app installable.
 */
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { fromRoot } from '../../engine/project-root.ts';
import { loadAsset, matchesEtag, pickEncoding } from '../static/asset-cache.ts';

/** The folder holding the client. */
export const webDir = fromRoot('web') + sep;

/** altcha-lib's browser solver (ES modules with no other imports), by the name the client asks for. */
const altchaDir = dirname(fileURLToPath(import.meta.resolve('altcha-lib/v1')));
const vendored: ReadonlyMap<string, string> = new Map([
  ['vendor/altcha/index.js', join(altchaDir, 'index.js')],
  ['vendor/altcha/helpers.js', join(altchaDir, 'helpers.js')],
]);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** The service worker lives with the other files but controls the whole site (the person's app at /). */
const serviceWorker = 'sw.js';

/**
 * Answers with a file under web/static, or 404 for anything else (no dot-files, no
 * way out of the folder, only known file types).
 *
 * @example
 *   app.get('/static/:path{.+}', (c) => staticFile(c, c.req.param('path')));
 */
export async function staticFile(c: Context, relative: string): Promise<Response> {
  const type = contentTypes[extname(relative)];
  const path = vendored.get(relative) ?? normalize(join(webDir, 'static', relative));
  if (!type || !(vendored.has(relative) || path.startsWith(join(webDir, 'static') + sep)) || relative.split('/').some((part) => part.startsWith('.'))) {
    return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
  }
  try {
    return await sendAsset(c, path, type, relative === serviceWorker ? { 'Service-Worker-Allowed': '/' } : {});
  } catch {
    return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
  }
}

/**
 * Sends a file compressed as the client accepts, with its ETag; 304 when the client's
 * copy is current. `no-cache` lets the browser (and the service worker) keep the file
 * but ask each time, which the ETag makes a body-less 304.
 */
async function sendAsset(c: Context, path: string, type: string, extra: Record<string, string>): Promise<Response> {
  const asset = await loadAsset(path, type);
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', ETag: asset.etag, ...(asset.gzip ? { Vary: 'Accept-Encoding' } : {}), ...extra };
  if (matchesEtag(c.req.header('if-none-match'), asset.etag)) return c.body(null, 304, headers);
  const { body, encoding } = pickEncoding(asset, c.req.header('accept-encoding'));
  return c.body(body, 200, { ...headers, 'Content-Type': type, ...(encoding ? { 'Content-Encoding': encoding } : {}) });
}

async function page(c: Context, file: string): Promise<Response> {
  return sendAsset(c, join(webDir, file), 'text/html; charset=utf-8', {});
}

/**
 * @example
 *   app.route('/', webRoutes());
 */
export function webRoutes() {
  const app = new Hono();
  app.get('/', (c) => page(c, 'index.html'));
  app.get('/staff', (c) => page(c, 'staff/index.html'));
  app.get('/staff/', (c) => page(c, 'staff/index.html'));
  app.get('/static/:path{.+}', (c) => staticFile(c, c.req.param('path')));
  return app;
}
