/**
 * The test support that runs real servers (tests/security/server-process.ts) leaves no
 * folder behind in the temp directory: every test process and bench run imports it, and
 * each used to leave a build folder of its own there, whether it started a server or not.
 *
 * Each case runs in a child process whose TMPDIR is a folder of its own, so that what
 * other test files make in the shared temp directory meanwhile cannot be mistaken for a
 * leftover.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const support = join(root, 'tests', 'security', 'server-process.ts');

/** Runs `body` (ES module code, with the support module imported as `server`) in a child; returns what it left in its temp directory. */
function leftovers(body: string): string[] {
  const scripts = mkdtempSync(join(tmpdir(), 'mestring-support-script-'));
  const temp = mkdtempSync(join(tmpdir(), 'mestring-support-tmp-'));
  onTestFinished(() => {
    rmSync(scripts, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });
  const script = join(scripts, 'run.mts');
  writeFileSync(script, `const server = await import(${JSON.stringify(support)});\n${body}\n`);
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], {
    cwd: root,
    env: { ...process.env, TMPDIR: temp },
    stdio: 'pipe',
    timeout: 120_000,
  });
  // tsx keeps its cache in the temp directory (tsx-<uid>): its own, not a leftover.
  return readdirSync(temp).filter((name) => !/^tsx-\d+$/.test(name));
}

describe('tests/security/server-process.ts', () => {
  it('leaves nothing in the temp directory when only imported', () => {
    expect(leftovers('void server;')).toEqual([]);
  }, 60_000);

  it('leaves nothing in the temp directory after a server has run and its data was dropped', () => {
    const left = leftovers(`
      const data = await server.seedDataDir({ codes: 1 });
      const running = await server.startServerProcess(data);
      await running.stop();
      await data.drop();
    `);
    expect(left).toEqual([]);
  }, 120_000);
});
