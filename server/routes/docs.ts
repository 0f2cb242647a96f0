/** GET /openapi.json, GET /docs and its stylesheet and script: the API describing itself. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openApiDocument } from '../openapi/document.ts';
import { docsCss, renderDocsPage } from '../openapi/docs-page.ts';
import { docsScript } from '../openapi/docs-try-it.ts';

/**
 * @example
 *   app.route('/', docsRoutes());
 */
export function docsRoutes(options: { publicUrl?: string } = {}) {
  const app = new Hono<AppEnv>();
  let document: ReturnType<typeof openApiDocument> | undefined;
  let page: string | undefined;
  app.get('/openapi.json', async (c) => c.json((document ??= openApiDocument(options))));
  app.get('/docs', (c) => c.html((page ??= renderDocsPage((document ??= openApiDocument(options))))));
  // Same origin, so the global CSP (default-src 'self') lets the page run it and its
  // fetches reach this server: /docs needs no CSP exception.
  app.get('/docs.js', (c) => c.body(docsScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/docs.css', (c) => c.body(docsCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  return app;
}
