/** `mestring translation stamp <file>`: record the current source hash in a translation after review. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Instrument, ProgramManifest } from '../../schemas/types.ts';
import { instrumentTextHash, manifestTextHash, sourceHash, withSourceHash } from '../../engine/compile/source-hash.ts';
import { UsageError, type Command } from '../command.ts';

/** What a translation file translates: its source file and how that is hashed. */
export function translationSource(path: string): { source: string; kind: 'part' | 'manifest' | 'instrument' } | undefined {
  const normalised = path.replace(/\\/g, '/');
  let match = /^(.*?)\/?instruments\/locales\/[^/]+\/([^/]+\.yaml)$/.exec(normalised);
  if (match) return { source: join(match[1] || '.', 'instruments', match[2] as string), kind: 'instrument' };
  match = /^(.*?)\/?locales\/[^/]+\/sections\/([^/]+\.md)$/.exec(normalised);
  if (match) return { source: join(match[1] || '.', 'sections', match[2] as string), kind: 'part' };
  match = /^(.*?)\/?locales\/[^/]+\/program\.yaml$/.exec(normalised);
  if (match) return { source: join(match[1] || '.', 'program.yaml'), kind: 'manifest' };
  return undefined;
}

/** The current hash of a translation's source. */
export function currentSourceHash(source: string, kind: 'part' | 'manifest' | 'instrument'): string {
  const text = readFileSync(source, 'utf8');
  if (kind === 'part') return sourceHash(text);
  const data = parse(text) as unknown;
  if (kind === 'manifest') return manifestTextHash(data as ProgramManifest);
  return instrumentTextHash(data as Instrument);
}

export const translation: Command = {
  name: 'translation',
  help: `Usage: mestring translation stamp <file...>

Writes source: <hash> into each translation file: the hash of its source as it is
now. Run it after you have checked the translation against the source, so that
'mestring validate' stops reporting it as outdated [translation-outdated]. Comments
and layout are kept.

Translation files and their sources:
  programs/<id>/locales/<locale>/sections/NN-slug.md   -> programs/<id>/sections/NN-slug.md
  programs/<id>/locales/<locale>/program.yaml          -> programs/<id>/program.yaml (its text)
  programs/instruments/locales/<locale>/<id>.yaml      -> programs/instruments/<id>.yaml (its words)

Options:
  -h, --help   show this help

Exit code: 0 stamped, 2 bad usage (unknown action, not a translation file, missing source).

Example:
  mestring translation stamp programs/sovn/locales/en/sections/02-sengen.md`,
  run({ positionals }) {
    const [action, ...paths] = positionals;
    if (action !== 'stamp') throw new UsageError(action ? `unknown action '${action}', expected stamp` : 'missing action, expected stamp');
    if (!paths.length) throw new UsageError('missing <file>, expected a translation file');
    for (const path of paths) {
      const found = translationSource(path);
      if (!found) throw new UsageError(`'${path}' is not a translation file, expected a file under locales/<locale>/ (see --help)`);
      if (!existsSync(path)) throw new UsageError(`no file '${path}'`);
      if (!existsSync(found.source)) throw new UsageError(`no source '${found.source}' for '${path}'`);
      const hash = currentSourceHash(found.source, found.kind);
      const before = readFileSync(path, 'utf8');
      let after: string;
      try {
        after = withSourceHash(before, hash, found.kind === 'part' ? 'front-matter' : 'yaml');
      } catch (error) {
        throw new UsageError(`${path}: ${(error as Error).message}`);
      }
      if (after !== before) writeFileSync(path, after);
      console.log(`${path}: source: ${hash}${after === before ? ' (already current)' : ''}`);
    }
    return 0;
  },
};
