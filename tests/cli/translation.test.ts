/** `mestring translation stamp` and `mestring validate --stats` on translated packs, as child processes. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const fixtures = join(root, 'tests/engine/compile/fixtures');
const work = mkdtempSync(join(tmpdir(), 'mestring-translation-'));
// Several CLI processes per test: each starts tsx, slow on a busy machine.
const slow = { timeout: 240_000 };
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder with the fixture pack (demo/) and instruments, with a case laid over it. */
function packOf(caseName: string): string {
  const dir = join(work, caseName);
  cpSync(join(fixtures, '_base'), dir, { recursive: true });
  cpSync(join(fixtures, '_instruments'), join(dir, 'instruments'), { recursive: true });
  cpSync(join(fixtures, caseName), dir, { recursive: true, filter: (src) => !src.endsWith('expected.txt') });
  return dir;
}

describe('mestring translation stamp', () => {
  it('records the current source hash, so an outdated translation passes --strict after review', slow, () => {
    const dir = packOf('translation-outdated');
    const before = run(['validate', '--strict', 'demo', 'instruments'], dir);
    expect(before.code).toBe(1);
    expect(before.stderr.match(/translation-outdated/g)).toHaveLength(3);
    const stamped = run(['translation', 'stamp', 'demo/locales/en/program.yaml', 'demo/locales/en/sections/01-start.md', 'instruments/locales/en/mini.yaml'], dir);
    expect(stamped.code).toBe(0);
    expect(stamped.stdout).toMatch(/01-start\.md: source: [0-9a-f]{10}\n/);
    const part = readFileSync(join(dir, 'demo/locales/en/sections/01-start.md'), 'utf8');
    expect(part).toMatch(/^---\nid: start\ntitle: Start\nsummary: Den første delen.\nsource: "[0-9a-f]{10}"\n---\n/);
    expect(run(['validate', '--strict', 'demo', 'instruments'], dir).code).toBe(0);
    expect(run(['translation', 'stamp', 'demo/locales/en/sections/01-start.md'], dir).stdout).toContain('(already current)');
  });

  it('refuses a file that is not a translation, with exit 2', slow, () => {
    const dir = packOf('locale-nn');
    const result = run(['translation', 'stamp', 'demo/sections/01-start.md'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a translation file');
    expect(run(['translation', 'check', 'x'], dir).code).toBe(2);
  });
});

describe('mestring validate --stats', () => {
  it('prints words, minutes and LIX per part for each locale', slow, () => {
    const dir = packOf('locale-nn');
    const { code, stdout } = run(['validate', '--stats', 'demo'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/demo \(nb\)\n\s+part\s+words\s+minutes\s+LIX\s+longest sentence\n\s+01-start\.md\s+\d+\s+1\s+[\d.]+\s+\d+/);
    expect(stdout).toContain('demo (nn)');
  });

  it('gives Flesch reading ease for English, and JSON with --format json', slow, () => {
    const dir = packOf('translation-outdated');
    const { stdout } = run(['validate', '--stats', '--format', 'json', 'demo'], dir);
    const out = JSON.parse(stdout) as { diagnostics: unknown[]; stats: { locale: string; section: string; words: number; lix: number | null; fleschReadingEase: number | null }[] };
    expect(out.diagnostics.length).toBeGreaterThan(0);
    const en = out.stats.filter((s) => s.locale === 'en');
    expect(en.map((s) => s.section)).toEqual(['start', 'videre']);
    expect(out.stats.filter((s) => s.locale === 'nb').every((s) => s.lix !== null && s.fleschReadingEase === null)).toBe(true);
    expect(en.every((s) => typeof s.fleschReadingEase === 'number' && s.lix === null && s.words > 0)).toBe(true);
  });
});
