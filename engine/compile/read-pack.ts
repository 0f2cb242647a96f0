/**
 * Reads program packs and instrument definitions from disk into vfiles. The only
 * part of the compiler that touches the file system; compiling itself is pure.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { VFile } from 'vfile';

/** The source files of one program pack. */
export interface PackSource {
  /** The folder name, which must equal the manifest id. */
  folder: string;
  /** program.yaml, or undefined when the folder has none. */
  manifest: VFile | undefined;
  /** sections/*.md in file-name order. */
  sections: VFile[];
  /** File names in assets/. */
  assets: Set<string>;
  /** A vfile standing for the folder, for messages about the pack as a whole. */
  folderFile: VFile;
}

function vfileFor(path: string, cwd: string): VFile {
  return new VFile({ path: relative(cwd, path) || path, value: readFileSync(path, 'utf8') });
}

/** Reads the pack in `dir`. Paths in messages are relative to `cwd`. */
export function readPack(dir: string, cwd = process.cwd()): PackSource {
  const manifestPath = join(dir, 'program.yaml');
  const sectionsDir = join(dir, 'sections');
  const assetsDir = join(dir, 'assets');
  const sections = existsSync(sectionsDir)
    ? readdirSync(sectionsDir)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => vfileFor(join(sectionsDir, name), cwd))
    : [];
  const assets = existsSync(assetsDir) ? new Set(readdirSync(assetsDir).filter((n) => statSync(join(assetsDir, n)).isFile())) : new Set<string>();
  return {
    folder: basename(dir),
    manifest: existsSync(manifestPath) ? vfileFor(manifestPath, cwd) : undefined,
    sections,
    assets,
    folderFile: new VFile({ path: relative(cwd, dir) || dir }),
  };
}

/** Reads every instruments/<id>.yaml in `dir`. */
export function readInstrumentFiles(dir: string, cwd = process.cwd()): VFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => vfileFor(join(dir, name), cwd));
}

/** True when `dir` looks like a program pack. */
export function isPackDir(dir: string): boolean {
  return existsSync(join(dir, 'program.yaml')) || existsSync(join(dir, 'sections'));
}
