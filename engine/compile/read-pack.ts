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
  /** The SVG files in assets/, read, to be checked as safe to show. */
  svgAssets: VFile[];
  /** A vfile standing for the folder, for messages about the pack as a whole. */
  folderFile: VFile;
  /** Translations in locales/<locale>/, by folder name. */
  locales: LocaleSource[];
  /** ids.lock.yaml: every id the program has published (written by mestring build), or undefined before the first build. */
  lock: VFile | undefined;
}

/** The files of one translation of a pack: locales/<locale>/program.yaml and locales/<locale>/sections/*.md. */
export interface LocaleSource {
  locale: string;
  /** program.yaml of the translation, or undefined when the folder has none. */
  manifest: VFile | undefined;
  /** sections/*.md in file-name order. */
  sections: VFile[];
  /** A vfile standing for the locale folder. */
  folderFile: VFile;
}

function vfileFor(path: string, cwd: string): VFile {
  return new VFile({ path: relative(cwd, path) || path, value: readFileSync(path, 'utf8') });
}

function readSections(sectionsDir: string, cwd: string): VFile[] {
  return existsSync(sectionsDir)
    ? readdirSync(sectionsDir)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => vfileFor(join(sectionsDir, name), cwd))
    : [];
}

function subfolders(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory()).sort() : [];
}

/** Reads the pack in `dir`. Paths in messages are relative to `cwd`. */
export function readPack(dir: string, cwd = process.cwd()): PackSource {
  const manifestPath = join(dir, 'program.yaml');
  const assetsDir = join(dir, 'assets');
  const sections = readSections(join(dir, 'sections'), cwd);
  const locales = subfolders(join(dir, 'locales')).map((locale): LocaleSource => {
    const localeDir = join(dir, 'locales', locale);
    const localeManifest = join(localeDir, 'program.yaml');
    return {
      locale,
      manifest: existsSync(localeManifest) ? vfileFor(localeManifest, cwd) : undefined,
      sections: readSections(join(localeDir, 'sections'), cwd),
      folderFile: new VFile({ path: relative(cwd, localeDir) || localeDir }),
    };
  });
  const assets = existsSync(assetsDir) ? new Set(readdirSync(assetsDir).filter((n) => statSync(join(assetsDir, n)).isFile())) : new Set<string>();
  return {
    folder: basename(dir),
    manifest: existsSync(manifestPath) ? vfileFor(manifestPath, cwd) : undefined,
    sections,
    assets,
    svgAssets: [...assets].filter((name) => name.toLowerCase().endsWith('.svg')).sort().map((name) => vfileFor(join(assetsDir, name), cwd)),
    folderFile: new VFile({ path: relative(cwd, dir) || dir }),
    locales,
    lock: existsSync(join(dir, 'ids.lock.yaml')) ? vfileFor(join(dir, 'ids.lock.yaml'), cwd) : undefined,
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

/** Reads every instruments/locales/<locale>/<id>.yaml in `dir`, by locale. */
export function readInstrumentTranslationFiles(dir: string, cwd = process.cwd()): Map<string, VFile[]> {
  const byLocale = new Map<string, VFile[]>();
  for (const locale of subfolders(join(dir, 'locales'))) byLocale.set(locale, readInstrumentFiles(join(dir, 'locales', locale), cwd));
  return byLocale;
}

/** True when `dir` looks like a program pack. */
export function isPackDir(dir: string): boolean {
  return existsSync(join(dir, 'program.yaml')) || existsSync(join(dir, 'sections'));
}
