/**
 * Compiles the TypeScript of the CLI and the server (cli/, server/, engine/, schemas/)
 * into plain JavaScript in dist/, so that no TypeScript compiler runs when the program
 * starts. esbuild bundles from cli/main.ts with one chunk per lazily imported command;
 * npm packages stay external (imported from node_modules as usual), except the few in
 * `inlined`. esbuild only strips types: the type check is `npm run typecheck`.
 *
 * Plain JavaScript (no TypeScript) because it runs before anything is compiled: from
 * `npm install` (the `prepare` script) and from bin/mestring.js whenever dist/ is missing
 * or older than a source file.
 *
 *   node bin/build-dist.js           build now
 *   node bin/build-dist.js --check   exit 1 when dist/ is missing or stale
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(root, 'dist');
/** Written last into a finished build; its time is when that build started reading sources. */
const stampFile = join(distDir, '.built');
const lockDir = join(root, '.dist-lock');
const sourceDirs = ['cli', 'server', 'engine', 'schemas'];

/**
 * Packages bundled into dist/ instead of imported from node_modules: pure JavaScript
 * that the server imports at start, spread over many small files. Kysely's ESM build is
 * about 265 files: importing it took about 180 ms of a start, bundled about 30 ms
 * (docs/performance.md, "Start-up"). Everything else stays external, native addons and
 * packages that load files of their own (pino's worker threads) above all.
 */
const inlined = new Set(['kysely', 'hono']);

/** Marks every bare import external unless its package is in `inlined`. */
const externalUnlessInlined = {
  name: 'external-unless-inlined',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      if (path.startsWith('node:')) return { path, external: true };
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return inlined.has(name) ? undefined : { path, external: true };
    });
  },
};

/** The newest modification time (ms) of any .ts or .js file under the source folders, package.json and the lock file. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.[tj]s$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of sourceDirs) if (existsSync(join(root, dir))) walk(join(root, dir));
  // The lock file too: the bundled packages (`inlined`) are part of the build.
  const lock = join(root, 'package-lock.json');
  return Math.max(newest, statSync(join(root, 'package.json')).mtimeMs, existsSync(lock) ? statSync(lock).mtimeMs : 0);
}

/** Whether dist/ holds a build at least as new as every source file. */
export function distFresh() {
  if (!existsSync(stampFile)) return false;
  return statSync(stampFile).mtimeMs >= newestSource();
}

/** Builds into a fresh folder, then swaps it in for dist/ (a running process never sees half a build). */
export async function buildDist() {
  const started = Date.now();
  const { build } = await import('esbuild');
  const next = join(root, `.dist-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    // build-programs.js: `mestring build`'s work as a module, for the bench's compile row
    // (bench/bench.ts), which times the JavaScript the command runs, not tsx's output.
    // checkpoint-worker.js: the SQLite checkpointer's thread, loaded by path
    // (server/store/checkpointer.ts) from beside the chunk that starts it.
    entryPoints: { mestring: 'cli/main.ts', 'build-programs': 'cli/commands/build.ts', 'checkpoint-worker': 'server/store/checkpoint-worker.js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [externalUnlessInlined],
    outdir: next,
    logLevel: 'error',
    legalComments: 'none',
  });
  writeFileSync(join(next, '.built'), '');
  utimesSync(join(next, '.built'), new Date(started), new Date(started));
  const old = join(root, `.dist-old-${process.pid}`);
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(next, distDir);
  rmSync(old, { recursive: true, force: true });
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Makes sure dist/ is current, building it when it is missing or stale. Processes that
 * start at the same moment (tests spawn several) build once: one takes the lock folder,
 * the others wait for it and find dist/ fresh. A lock older than two minutes is left
 * over from a killed build and is taken over.
 */
export async function ensureDist(say = (line) => process.stderr.write(`${line}\n`)) {
  if (distFresh()) return;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // The lock went away between the two calls: try again.
      }
      sleep(100);
      if (distFresh()) return;
    }
  }
  try {
    if (distFresh()) return;
    say('mestring: compiling the program (dist/ is missing or older than the sources) ...');
    await buildDist();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    process.exitCode = distFresh() ? 0 : 1;
  } else {
    await buildDist();
  }
}
