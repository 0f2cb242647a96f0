/**
 * Public routes: health, the programs' public overviews (no exercise content) and
 * their assets. No authentication, nothing personal.
 */
import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { CompiledProgram } from '../../schemas/types.ts';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { editionFor, programLocales } from '../../engine/compile/edition-for.ts';
import { negotiateLocale } from '../locale/languages.ts';

/**
 * The public overview of a program, in the edition of `locale` when it has one.
 *
 * @example
 *   programOverview(program, 'en').title // the English title when the pack has an en edition
 */
export function programOverview(source: CompiledProgram, locale?: string) {
  const program = editionFor(source, locale);
  return {
    id: program.id,
    version: program.version,
    locale: program.locale,
    locales: programLocales(source),
    title: program.title,
    summary: program.summary,
    audience: program.audience,
    weeks: program.estimatedWeeks,
    parts: program.sections.map((s) => ({ id: s.id, number: s.number, title: s.title, summary: s.summary, estimatedMinutes: s.estimatedMinutes })),
  };
}

const assetTypes: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.pdf': 'application/pdf', '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.txt': 'text/plain; charset=utf-8',
};

/**
 * @example
 *   app.route('/', publicRoutes(deps));
 */
export function publicRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', async (c) => c.json({ status: 'ok', programs: deps.programs.size }));
  // Public routes answer in the best edition for Accept-Language and say which in Content-Language.
  const inAcceptedLanguage = (c: Context, program: CompiledProgram) => programOverview(program, negotiateLocale(c.req.header('accept-language'), programLocales(program)));
  app.get('/v1/programs', async (c) => {
    const programs = [...deps.programs.values()].map((p) => inAcceptedLanguage(c, p));
    const languages = [...new Set(programs.map((p) => p.locale))];
    if (languages.length) c.header('Content-Language', languages.join(', '));
    c.header('Vary', 'Accept-Language');
    return c.json({ programs });
  });
  app.get('/v1/programs/:id', async (c) => {
    const overview = inAcceptedLanguage(c, programOr404(deps, c.req.param('id')));
    c.header('Content-Language', overview.locale);
    c.header('Vary', 'Accept-Language');
    return c.json(overview);
  });
  app.get('/v1/programs/:id/assets/:name', async (c) => {
    const program = programOr404(deps, c.req.param('id'));
    const name = c.req.param('name');
    const type = assetTypes[extname(name).toLowerCase()];
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || !type) throw apiError('not_found');
    let data: Buffer;
    try {
      data = await readFile(join(deps.programsDir, program.id, 'assets', name));
    } catch {
      throw apiError('not_found');
    }
    c.header('Cache-Control', 'public, max-age=3600');
    if (type === 'image/svg+xml') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.body(new Uint8Array(data), 200, { 'Content-Type': type });
  });
  return app;
}
