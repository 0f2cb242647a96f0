/**
 * The `mestring` command and the server run from the compiled JavaScript in dist/, with
 * no TypeScript compiler loaded at run time; `--help` and `--version` load no command.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index.ts';
import { request, seedDataDir, startServerProcess, type DataDir, type ServerProcess } from '../security/server-process.ts';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every module dist/mestring.js loads before any dynamic import(): its static import graph. */
function staticImports(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(join(dist, file), 'utf8');
  const specifiers = [...source.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!);
  seen.set(file, specifiers);
  for (const specifier of specifiers) if (specifier.startsWith('./')) staticImports(specifier.slice(2), seen);
  return seen;
}

beforeAll(() => {
  // bin/mestring.js builds dist/ when it is missing or stale; make sure it is there.
  expect(run(['--version']).code).toBe(0);
});

describe('the compiled CLI', () => {
  it('prints the version of package.json', () => {
    const { code, stdout } = run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('lists every command in --help', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    for (const command of commands) expect(stdout).toContain(`  ${command.name}`);
  });

  it('runs JavaScript only: no TypeScript compiler in bin/ or dist/', () => {
    expect(readFileSync(join(root, 'bin/mestring.js'), 'utf8')).not.toMatch(/from ['"]tsx/);
    for (const [file, specifiers] of staticImports('mestring.js')) {
      expect(specifiers.filter((s) => /^(tsx|typescript|esbuild)(\/|$)/.test(s)), file).toEqual([]);
    }
  });

  it('loads no command, server or engine module for --help and --version', () => {
    const loaded = [...staticImports('mestring.js').values()].flat().filter((s) => !s.startsWith('./'));
    expect(loaded.every((s) => s.startsWith('node:'))).toBe(true);
  });
});

describe('the compiled server', () => {
  it('starts without importing what only some requests need, and with Kysely and Hono bundled', () => {
    // What `mestring serve` imports before it listens (docs/performance.md, "Start-up").
    const serveChunk = readdirSync(dist).find((f) => /^serve-[A-Z0-9]+\.js$/.test(f));
    expect(serveChunk).toBeDefined();
    const packages = new Set([...staticImports(serveChunk!).values()].flat().filter((s) => !s.startsWith('./') && !s.startsWith('node:'))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)));
    for (const lazy of ['pdf-lib', 'qrcode', 'yaml', 'unified', 'remark-parse', 'vfile', 'request-filtering-agent', '@zxcvbn-ts/core', 'pg', 'prom-client']) {
      expect(packages.has(lazy), lazy).toBe(false);
    }
    expect(packages.has('kysely')).toBe(false);
    expect(packages.has('hono')).toBe(false);
    expect(packages.has('better-sqlite3')).toBe(true);
  });

  let data: DataDir;
  let server: ServerProcess;
  beforeAll(async () => {
    data = await seedDataDir({ codes: 1 });
    server = await startServerProcess(data);
  });
  afterAll(async () => {
    await server?.stop();
    await data?.drop();
    rmSync(data.dir, { recursive: true, force: true });
  });

  it('serves from dist/', async () => {
    expect((await request(server.port, 'GET', '/healthz')).status).toBe(200);
  });

  it('loads what it imports on first use from its own chunks (the FHIR questionnaires read the instrument files)', async () => {
    const found = await request(server.port, 'GET', '/v1/fhir/Questionnaire/phq9');
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ resourceType: 'Questionnaire', id: 'phq9' });
  });
});
