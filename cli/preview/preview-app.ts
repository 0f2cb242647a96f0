/**
 * The author's preview: one program rendered as a person sees it (gating off), with
 * the compiler's diagnostics in the page, recompiled and reloaded when a file changes.
 * A local tool for authors; it never touches the database or the API.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, basename, extname, sep } from 'node:path';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { compileTree, editionFor, personalizeSection } from '../../engine/index.ts';
import type { CompiledProgram } from '../../schemas/types.ts';
import { diagnosticsJson } from '../commands/validate.ts';
import { samplePerson } from './sample-person.ts';
import { fromRoot } from '../../engine/project-root.ts';

const webDir = fromRoot('web') + sep;

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.gif': 'image/gif',
};

export interface Preview {
  app: Hono;
  /** Stops watching files. */
  close(): void;
}

/** The edition in `locale`, every part filled in for a made-up person (computed values, recalled entries). */
export function previewEdition(program: CompiledProgram, locale?: string): CompiledProgram {
  const edition = editionFor(program, locale);
  const person = samplePerson(edition);
  return { ...edition, sections: edition.sections.map((section) => personalizeSection(edition, section, person)) };
}

/**
 * A preview of the pack in `packDir`, in its source language or the edition in `options.locale`.
 *
 * @example
 *   const { app } = createPreview('programs/sovn');
 *   serve({ fetch: app.fetch, port: 4000 });
 */
export function createPreview(packDir: string, options: { locale?: string } = {}): Preview {
  const dir = resolve(packDir);
  const instrumentsDir = join(dirname(dir), 'instruments');
  let version = 0;
  const listeners = new Set<() => void>();
  const compile = () => {
    const { programs, files } = compileTree([dir]);
    const program = programs[0] ? previewEdition(programs[0], options.locale) : null;
    return { version, program, diagnostics: diagnosticsJson(files) };
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
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
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
      const type = types[extname(name).toLowerCase()] ?? 'application/octet-stream';
      // An SVG opened on its own runs nothing and fetches nothing (as the server serves it).
      if (type === 'image/svg+xml') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return c.body(await readFile(join(dir, 'assets', name)), 200, { 'Content-Type': type });
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
