/**
 * Public routes: health, the programs' public overviews (no exercise content) and
 * their assets. No authentication, nothing personal.
 */
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { CompiledProgram } from '../../schemas/types.ts';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';

/** The public overview of a program. */
export function programOverview(program: CompiledProgram) {
  return {
    id: program.id,
    version: program.version,
    locale: program.locale,
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
  app.get('/v1/programs', async (c) => c.json({ programs: [...deps.programs.values()].map(programOverview) }));
  app.get('/v1/programs/:id', async (c) => c.json(programOverview(programOr404(deps, c.req.param('id')))));
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
