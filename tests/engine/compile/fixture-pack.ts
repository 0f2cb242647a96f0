/**
 * Builds a fixture pack in a temp folder: the base pack in fixtures/_base (as demo/)
 * and the fixture instruments (as instruments/) with a case folder laid over them
 * (its files replace or add to the base; a file named `.delete` lists base paths to
 * remove), then compiles it against the instruments and their translations.
 * Diagnostics (of the pack's files, then of the instrument files) come back as
 * `path:line:column severity rule-id`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileProgram, loadInstruments, readPack } from '../../../engine/index.ts';

export const fixturesDir = new URL('./fixtures/', import.meta.url).pathname;

export function compileFixture(caseName: string | undefined) {
  const root = mkdtempSync(join(tmpdir(), 'mestring-fixture-'));
  cpSync(join(fixturesDir, '_base'), root, { recursive: true });
  cpSync(join(fixturesDir, '_instruments'), join(root, 'instruments'), { recursive: true });
  if (caseName) {
    const caseDir = join(fixturesDir, caseName);
    const deletions = join(caseDir, '.delete');
    if (existsSync(deletions)) {
      for (const line of readFileSync(deletions, 'utf8').split('\n').filter(Boolean)) rmSync(join(root, line), { recursive: true, force: true });
    }
    cpSync(caseDir, root, { recursive: true, filter: (src) => !src.endsWith('.delete') && !src.endsWith('expected.txt') });
  }
  const loaded = loadInstruments(join(root, 'instruments'), root);
  const packDir = join(root, 'demo');
  const result = compileProgram(readPack(packDir, root), loaded.instruments, loaded.translations);
  rmSync(root, { recursive: true, force: true });
  const diagnostics = [...result.files, ...loaded.files].flatMap((file) =>
    file.messages.map((m) => ({
      line: `${file.path}:${m.line ?? 0}:${m.column ?? 0} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}`,
      reason: m.reason,
    })),
  );
  return { ...result, diagnostics };
}

/** The expected diagnostic lines of a case (fixtures/<case>/expected.txt). */
export function expectedOf(caseName: string): string[] {
  return readFileSync(join(fixturesDir, caseName, 'expected.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}
