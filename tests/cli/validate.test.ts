/** `mestring validate`, `build` and `--help` run as child processes: exit codes, text and JSON output. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index.ts';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'mestring-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the sleep program and the instruments, with `edit` applied to part 1. */
function packWith(name: string, edit: (text: string) => string): string {
  const dir = join(work, name);
  cpSync(join(root, 'programs/sovn'), join(dir, 'sovn'), { recursive: true });
  cpSync(join(root, 'programs/instruments'), join(dir, 'instruments'), { recursive: true });
  const file = join(dir, 'sovn/sections/01-velkommen.md');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('mestring validate', () => {
  it('passes the shipped programs', () => {
    const { code, stdout } = run(['validate', '--strict', 'programs']);
    expect(code).toBe(0);
    expect(stdout).toContain('5 program(s)');
  });

  it('reports errors with file:line:column and rule id, and exits 1', () => {
    const dir = packWith('broken', (text) => `${text}\n::questionnaire{ref=isi7}\n`);
    const lines = readFileSync(join(dir, 'sovn/sections/01-velkommen.md'), 'utf8').split('\n').length - 1;
    const { code, stderr } = run(['validate', 'sovn'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('sovn/sections/01-velkommen.md');
    expect(stderr).toMatch(new RegExp(`${lines}:1(-${lines}:\\d+)?\\s+error\\s+Unknown questionnaire 'isi7', expected one of: `));
    expect(stderr).toContain('questionnaire-ref-unknown');
  });

  it('prints JSON for editors and CI', () => {
    const dir = packWith('json', (text) => `${text}\nMerk:dette.\n`);
    const { code, stdout } = run(['validate', '--format', 'json', 'sovn'], dir);
    expect(code).toBe(0);
    const diagnostics = JSON.parse(stdout) as { file: string; line: number; column: number; severity: string; ruleId: string; message: string }[];
    // Changing the source also makes its English translation outdated: that warning is right.
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'sovn/sections/01-velkommen.md', severity: 'warning', ruleId: 'text-directive-restored', column: 5 }),
      expect.objectContaining({ file: 'sovn/locales/en/sections/01-velkommen.md', severity: 'warning', ruleId: 'translation-outdated' }),
    ]);
  });

  it('gives end positions in JSON and SARIF 2.1.0 for code review', () => {
    const dir = packWith('sarif', (text) => `${text}\n::questionnaire{ref=isi7}\n\nMerk:dette.\n`);
    const line = readFileSync(join(dir, 'sovn/sections/01-velkommen.md'), 'utf8').split('\n').indexOf('::questionnaire{ref=isi7}') + 1;
    const json = JSON.parse(run(['validate', '--format', 'json', 'sovn'], dir).stdout) as Record<string, unknown>[];
    expect(json).toContainEqual(expect.objectContaining({ ruleId: 'questionnaire-ref-unknown', line, column: 1, endLine: line, endColumn: 26 }));
    const { code, stdout } = run(['validate', '--format', 'sarif', 'sovn'], dir);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver.name).toBe('mestring');
    expect(run0.results.map((r) => [r.ruleId, r.level]).sort()).toEqual([['questionnaire-ref-unknown', 'error'], ['text-directive-restored', 'warning'], ['translation-outdated', 'warning']]);
    const result = run0.results.find((r) => r.ruleId === 'questionnaire-ref-unknown')!;
    expect(run0.tool.driver.rules[result.ruleIndex]!.id).toBe('questionnaire-ref-unknown');
    expect(result.message.text).toMatch(/^Unknown questionnaire 'isi7'/);
    expect(result.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'sovn/sections/01-velkommen.md' }, region: { startLine: line, startColumn: 1, endLine: line, endColumn: 26 } });
  });

  it('fails on warnings only with --strict', () => {
    const dir = packWith('strict', (text) => `${text}\nMerk:dette.\n`);
    expect(run(['validate', 'sovn'], dir).code).toBe(0);
    expect(run(['validate', '--strict', 'sovn'], dir).code).toBe(1);
  });

  it('rejects bad usage with exit 2', () => {
    expect(run(['validate', '--format', 'xml']).code).toBe(2);
    expect(run(['validate', '--format', 'xml']).stderr).toContain('expected text, json or sarif');
    expect(run(['validate', '--no-such-flag']).code).toBe(2);
    expect(run(['no-such-command']).code).toBe(2);
  });
});

describe('mestring build', () => {
  it('writes one JSON file per program, and nothing when a pack has errors', () => {
    const out = join(work, 'out');
    const { code } = run(['build', '--out', out]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['angst.json', 'depresjon.json', 'gad.json', 'sovn.json', 'stress.json']);
    expect(JSON.parse(readFileSync(join(out, 'sovn.json'), 'utf8')).id).toBe('sovn');
    const dir = packWith('build-broken', (text) => text.replace(/^id: .*$/m, 'id: Ugyldig Id'));
    const badOut = join(work, 'bad-out');
    expect(run(['build', '--out', badOut, 'sovn'], dir).code).toBe(1);
    expect(existsSync(badOut)).toBe(false);
  });
});

describe('--help', () => {
  it.each(commands.map((c) => c.name))('is offered by %s', (name) => {
    const { code, stdout } = run([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage:\s+mestring /);
  });
});
