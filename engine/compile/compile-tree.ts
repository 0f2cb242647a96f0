/**
 * Compiles what a path names: a programs/ folder (every pack and the shared
 * instruments), a single pack (with the instruments beside it), or an
 * instruments folder. Used by `mestring validate` and `mestring build`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VFile } from 'vfile';
import type { CompiledProgram, Instrument, InstrumentTranslation } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { loadInstrument } from '../instruments/load-instrument.ts';
import { loadInstrumentTranslation } from '../instruments/translate-instrument.ts';
import { compileProgram, type PartStats } from './compile-program.ts';
import { isPackDir, readInstrumentFiles, readInstrumentTranslationFiles, readPack } from './read-pack.ts';

export interface TreeResult {
  /** The compiled programs in their source language; translations are in each program's `editions`. */
  programs: CompiledProgram[];
  instruments: Map<string, Instrument>;
  files: VFile[];
  /** Reading measures of every part of every program, per locale (see `mestring validate --stats`). */
  stats: PartStats[];
  /** The folder of each compiled program, by id (where its ids.lock.yaml lives). */
  packDirs: Map<string, string>;
}

/** Translated instrument wording: locale -> instrument id -> translation (null: the file is there but has errors). */
export type InstrumentTranslations = Map<string, Map<string, InstrumentTranslation | null>>;

/**
 * Loads every instrument in `dir` and its translations in `dir/locales/<locale>/`;
 * invalid ones are left out, with messages on their files.
 */
export function loadInstruments(dir: string, cwd = process.cwd()): { instruments: Map<string, Instrument>; translations: InstrumentTranslations; files: VFile[] } {
  const files = readInstrumentFiles(dir, cwd);
  const instruments = new Map<string, Instrument>();
  for (const file of files) {
    const instrument = loadInstrument(file);
    if (instrument) instruments.set(instrument.id, instrument);
  }
  const translations: InstrumentTranslations = new Map();
  for (const [locale, localeFiles] of readInstrumentTranslationFiles(dir, cwd)) {
    const byId = new Map<string, InstrumentTranslation | null>();
    for (const file of localeFiles) {
      files.push(file);
      byId.set(basename(String(file.path), '.yaml'), loadInstrumentTranslation(file, locale, instruments) ?? null);
    }
    translations.set(locale, byId);
  }
  return { instruments, translations, files };
}

/**
 * Compiles everything under each of `paths`.
 *
 * @example
 *   const { programs, files } = compileTree(['programs']);
 */
export function compileTree(paths: readonly string[], cwd = process.cwd()): TreeResult {
  const result: TreeResult = { programs: [], instruments: new Map(), files: [], stats: [], packDirs: new Map() };
  const instrumentCache = new Map<string, ReturnType<typeof loadInstruments>>();
  const instrumentsIn = (dir: string) => {
    const key = resolve(dir);
    let loaded = instrumentCache.get(key);
    if (!loaded) {
      loaded = loadInstruments(dir, cwd);
      instrumentCache.set(key, loaded);
      result.files.push(...loaded.files);
      for (const [id, instrument] of loaded.instruments) result.instruments.set(id, instrument);
    }
    return loaded;
  };
  const compilePack = (dir: string, loaded: ReturnType<typeof loadInstruments>) => {
    const compiled = compileProgram(readPack(dir, cwd), loaded.instruments, loaded.translations);
    result.files.push(...compiled.files);
    result.stats.push(...compiled.stats);
    if (compiled.program) {
      result.programs.push(compiled.program);
      result.packDirs.set(compiled.program.id, dir);
    }
  };

  for (const path of paths) {
    const abs = resolve(cwd, path);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) {
      const file = new VFile({ path });
      report(file, 'error', 'manifest-missing', `Missing folder '${path}', expected a programs folder, a program folder or an instruments folder`);
      result.files.push(file);
      continue;
    }
    if (basename(abs) === 'instruments') {
      instrumentsIn(abs);
    } else if (isPackDir(abs)) {
      compilePack(abs, instrumentsIn(join(dirname(abs), 'instruments')));
    } else {
      const loaded = instrumentsIn(join(abs, 'instruments'));
      for (const name of readdirSync(abs).sort()) {
        const dir = join(abs, name);
        if (name === 'instruments' || name.startsWith('.') || !statSync(dir).isDirectory()) continue;
        compilePack(dir, loaded);
      }
    }
  }
  return result;
}
