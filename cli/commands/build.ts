/** `mestring build`: compile every pack and write build/programs/<id>.json for the server. */
import { mkdirSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { reporter } from 'vfile-reporter';
import { compileTree } from '../../engine/index.ts';
import { hasErrors } from '../../engine/diagnostics.ts';
import type { Command } from '../command.ts';

/** Default folder the server reads compiled programs from. */
export const defaultBuildDir = 'build/programs';

/** Compiles `paths` into `outDir`; returns the ids written, or undefined on errors. */
export function buildPrograms(paths: string[], outDir: string): { ids: string[] | undefined; report: string } {
  const { programs, files } = compileTree(paths);
  const report = reporter(files, { quiet: true });
  if (hasErrors(files)) return { ids: undefined, report };
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) if (name.endsWith('.json')) rmSync(join(outDir, name));
  for (const program of programs) writeFileSync(join(outDir, `${program.id}.json`), `${JSON.stringify(program, null, 2)}\n`);
  return { ids: programs.map((p) => p.id), report };
}

export const build: Command = {
  name: 'build',
  summary: 'Compile program packs into JSON for the server',
  help: `Usage: mestring build [paths...] [--out <dir>]

Compiles program packs (default: programs) into one JSON file per program.
Nothing is written when any pack has an error.

Options:
  --out <dir>   where to write (default: ${defaultBuildDir})
  -h, --help    show this help`,
  options: { out: { type: 'string' } },
  run({ values, positionals }) {
    const out = (values.out as string | undefined) ?? defaultBuildDir;
    const { ids, report } = buildPrograms(positionals.length ? positionals : ['programs'], out);
    if (report) console.error(report);
    if (!ids) return 1;
    console.log(`wrote ${ids.length} program(s) to ${out}: ${ids.join(', ')}`);
    return 0;
  },
};
