/**
 * Compiles what a path names: a programs/ folder (every pack and the shared
 * instruments), a single pack (with the instruments beside it), or an
 * instruments folder. Used by `mestring validate` and `mestring build`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VFile } from 'vfile';
import type { CompiledProgram, Instrument } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { loadInstrument } from '../instruments/load-instrument.ts';
import { compileProgram } from './compile-program.ts';
import { isPackDir, readInstrumentFiles, readPack } from './read-pack.ts';

export interface TreeResult {
  programs: CompiledProgram[];
  instruments: Map<string, Instrument>;
  files: VFile[];
}

/** Loads every instrument in `dir`; invalid ones are left out, with messages on their files. */
export function loadInstruments(dir: string, cwd = process.cwd()): { instruments: Map<string, Instrument>; files: VFile[] } {
  const files = readInstrumentFiles(dir, cwd);
  const instruments = new Map<string, Instrument>();
  for (const file of files) {
    const instrument = loadInstrument(file);
    if (instrument) instruments.set(instrument.id, instrument);
  }
  return { instruments, files };
}

/**
 * Compiles everything under each of `paths`.
 *
 * @example
 *   const { programs, files } = compileTree(['programs']);
 */
export function compileTree(paths: readonly string[], cwd = process.cwd()): TreeResult {
  const result: TreeResult = { programs: [], instruments: new Map(), files: [] };
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
    return loaded.instruments;
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
      const compiled = compileProgram(readPack(abs, cwd), instrumentsIn(join(dirname(abs), 'instruments')));
      result.files.push(...compiled.files);
      if (compiled.program) result.programs.push(compiled.program);
    } else {
      const instruments = instrumentsIn(join(abs, 'instruments'));
      for (const name of readdirSync(abs).sort()) {
        const dir = join(abs, name);
        if (name === 'instruments' || !statSync(dir).isDirectory()) continue;
        const compiled = compileProgram(readPack(dir, cwd), instruments);
        result.files.push(...compiled.files);
        if (compiled.program) result.programs.push(compiled.program);
      }
    }
  }
  return result;
}
