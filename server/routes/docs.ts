/** GET /openapi.json, GET /docs and its stylesheet: the API describing itself. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openApiDocument } from '../openapi/document.ts';
import { docsCss, renderDocsPage } from '../openapi/docs-page.ts';

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
  app.get('/docs.css', (c) => c.body(docsCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  return app;
}
