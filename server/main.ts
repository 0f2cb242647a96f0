/**
 * Starts the server: builds programs when the build is missing or older than the
 * sources (never on the request path), opens the database, creates the secret key and,
 * on a new database, the first organisation and admin; then serves with @hono/node-server.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { CompiledProgram } from '../schemas/types.ts';
import { buildPrograms } from '../cli/commands/build.ts';
import { createApp } from './app.ts';
import { loadSecrets, type ServerConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { systemClock } from './clock.ts';
import { createStores } from './store/index.ts';
import { applyIdRenames } from './store/id-renames.ts';
import { createOrg, createStaff } from './admin.ts';
import { overlayProgram } from '../engine/scoring/apply-overlay.ts';

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles programs into the build folder when it is missing or older than the sources. */
export function ensureBuilt(config: ServerConfig, say: (line: string) => void): CompiledProgram[] {
  const built = existsSync(config.buildDir) ? readdirSync(config.buildDir).filter((f) => f.endsWith('.json')) : [];
  const buildTime = built.length ? Math.min(...built.map((f) => statSync(join(config.buildDir, f)).mtimeMs)) : 0;
  if (!built.length || newestMtime(config.programsDir) > buildTime) {
    say(`compiling programs from ${config.programsDir} ...`);
    const { ids, report } = buildPrograms([config.programsDir], config.buildDir);
    if (!ids) throw new Error(`the programs have errors; fix them or run 'mestring validate':\n${report}`);
  }
  const programs = readdirSync(config.buildDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(config.buildDir, f), 'utf8')) as CompiledProgram);
  return config.wordingOverlay ? programs.map((p) => withOverlay(p, config.wordingOverlay as string)) : programs;
}

/** A program whose questionnaires show the official wording a service installed, where complete (per edition language). */
export function withOverlay(program: CompiledProgram, overlayDir: string): CompiledProgram {
  return overlayProgram(program, overlayDir);
}

/**
 * Starts serving; resolves with the node server once listening.
 *
 * @example
 *   const server = await startServer(readConfig());
 */
export async function startServer(config: ServerConfig, say: (line: string) => void = console.log): Promise<ServerType> {
  const programs = ensureBuilt(config, say);
  const { secrets, created } = loadSecrets(config.secretFile);
  if (created) say(`created the secret key ${config.secretFile} (mode 0600): back it up; without it no code can log in`);
  const db = openDatabase(config.dbPath);
  const stores = createStores(db);
  // Progress follows renamed ids (the manifests' renamed: maps) before anything is served.
  const moved = applyIdRenames(db, programs);
  if (moved) say(`moved ${moved} stored row(s) to renamed ids`);
  if (stores.orgs.count() === 0) {
    const now = systemClock.now();
    createOrg(stores, 'admin', 'Mestring', now);
    const admin = createStaff(stores, 'admin', 'admin', 'admin', now);
    say(['', 'A new database: created organisation "admin" and its admin account.',
      `  log in at http://localhost:${config.port}/staff with org "admin", username "admin" and the one-time password: ${admin.password}`,
      '  (shown only now; you choose your own password at first login)',
      '  give the organisation licences with: npx mestring org quota admin angst=10', ''].join('\n'));
  }
  const app = createApp({ db, programs, clock: systemClock, secrets, config: { corsOrigins: config.corsOrigins, bodyLimit: config.bodyLimit, programsDir: config.programsDir } });
  return await new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
      say(`Mestring serves ${programs.length} program(s) on http://localhost:${info.port} (database ${config.dbPath})`);
      resolve(server);
    });
    const stop = () => {
      server.close(() => {
        db.close();
        process.exit(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
