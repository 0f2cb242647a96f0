/** `mestring build`: compile every pack, write build/programs/<id>.json for the server and record published ids. */
import { existsSync, mkdirSync, writeFileSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { reporter } from 'vfile-reporter';
import { VFile } from 'vfile';
import { compileTree, idsOf, lockYaml, mergeLocks, readLock } from '../../engine/index.ts';
import { hasErrors } from '../../engine/diagnostics.ts';
import type { Command } from '../command.ts';

/** Default folder the server reads compiled programs from. */
export const defaultBuildDir = 'build/programs';

/** Writes `text` to `path` only when it differs, through a temporary file (a reader never sees half a file). */
function writeIfChanged(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
  return true;
}

/**
 * Compiles `paths` into `outDir`; returns the ids written, or undefined on errors.
 * With `lock`, also records every published id in each pack's ids.lock.yaml (the
 * server's start-up build does not: the programs folder may be read-only there).
 */
export function buildPrograms(paths: string[], outDir: string, options: { lock?: boolean } = {}): { ids: string[] | undefined; report: string; locks: string[] } {
  const { programs, files, packDirs } = compileTree(paths);
  const report = reporter(files, { quiet: true });
  if (hasErrors(files)) return { ids: undefined, report, locks: [] };
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) if (name.endsWith('.json')) rmSync(join(outDir, name));
  for (const program of programs) writeFileSync(join(outDir, `${program.id}.json`), `${JSON.stringify(program, null, 2)}\n`);
  const locks: string[] = [];
  if (options.lock) {
    for (const program of programs) {
      const dir = packDirs.get(program.id);
      if (!dir) continue;
      const path = join(dir, 'ids.lock.yaml');
      const previous = existsSync(path) ? readLock(new VFile({ path, value: readFileSync(path, 'utf8') }), program.id)?.lock : undefined;
      if (writeIfChanged(path, lockYaml(mergeLocks(previous, idsOf(program))))) locks.push(relative(process.cwd(), path));
    }
  }
  return { ids: programs.map((p) => p.id), report, locks };
}

export const build: Command = {
  name: 'build',
  help: `Usage: mestring build [paths...] [--out <dir>] [--no-lock]

Compiles program packs (default: programs) into one JSON file per program, with
its translations (editions) inside. Nothing is written when any pack has an error.

Each pack's ids.lock.yaml is updated with every id the program publishes (parts,
exercises, fields, choice options, questionnaire and check-in items). Ids are only
added: commit the file with the pack. 'mestring validate' then reports a published
id that is removed or renamed without a map in program.yaml [id-removed].

Options:
  --out <dir>   where to write (default: ${defaultBuildDir})
  --no-lock     do not write ids.lock.yaml
  -h, --help    show this help`,
  options: { out: { type: 'string' }, 'no-lock': { type: 'boolean' } },
  run({ values, positionals }) {
    const out = (values.out as string | undefined) ?? defaultBuildDir;
    const { ids, report, locks } = buildPrograms(positionals.length ? positionals : ['programs'], out, { lock: !values['no-lock'] });
    if (report) console.error(report);
    if (!ids) return 1;
    console.log(`wrote ${ids.length} program(s) to ${out}: ${ids.join(', ')}`);
    if (locks.length) console.log(`recorded published ids in ${locks.join(', ')}`);
    return 0;
  },
};
