/**
 * The author's preview: one program rendered as a person sees it (gating off), with
 * the compiler's diagnostics in the page, recompiled and reloaded when a file changes.
 * A local tool for authors; it never touches the database or the API.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { compileTree } from '../../engine/index.ts';
import { diagnosticsJson } from '../commands/validate.ts';

const webDir = fileURLToPath(new URL('../../web/', import.meta.url));

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.gif': 'image/gif',
};

export interface Preview {
  app: Hono;
  /** Stops watching files. */
  close(): void;
}

/**
 * A preview of the pack in `packDir`.
 *
 * @example
 *   const { app } = createPreview('programs/sovn');
 *   serve({ fetch: app.fetch, port: 4000 });
 */
export function createPreview(packDir: string): Preview {
  const dir = resolve(packDir);
  const instrumentsDir = join(dirname(dir), 'instruments');
  let version = 0;
  const listeners = new Set<() => void>();
  const compile = () => {
    const { programs, files } = compileTree([dir]);
    return { version, program: programs[0] ?? null, diagnostics: diagnosticsJson(files) };
  };
  let current = compile();
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      version += 1;
      current = compile();
      for (const listener of listeners) listener();
    }, 100);
  };
  const watchers: FSWatcher[] = [dir, instrumentsDir].map((d) => watch(d, { recursive: true }, changed));

  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  });
  app.get('/', async (c) => c.html(await readFile(join(webDir, 'preview.html'), 'utf8')));
  app.get('/preview/program.json', (c) => c.json(current));
  app.get('/preview/events', (c) =>
    streamSSE(c, async (stream) => {
      let wake: () => void = () => {};
      const listener = () => wake();
      listeners.add(listener);
      stream.onAbort(() => {
        listeners.delete(listener);
      });
      while (!stream.aborted) {
        await new Promise<void>((r) => { wake = r; setTimeout(r, 25_000); });
        if (stream.aborted) break;
        await stream.writeSSE({ event: 'version', data: String(version) });
      }
      listeners.delete(listener);
    }),
  );
  app.get('/preview/assets/:name', async (c) => {
    const name = basename(c.req.param('name'));
    try {
      return c.body(await readFile(join(dir, 'assets', name)), 200, { 'Content-Type': types[extname(name).toLowerCase()] ?? 'application/octet-stream' });
    } catch {
      return c.notFound();
    }
  });
  app.get('/static/*', async (c) => {
    const rel = c.req.path.replace(/^\/static\//, '');
    if (rel.split('/').some((p) => p === '..' || p.startsWith('.'))) return c.notFound();
    try {
      return c.body(await readFile(join(webDir, 'static', rel)), 200, { 'Content-Type': types[extname(rel)] ?? 'application/octet-stream' });
    } catch {
      return c.notFound();
    }
  });
  return {
    app,
    close: () => {
      for (const w of watchers) w.close();
      clearTimeout(timer);
    },
  };
}
