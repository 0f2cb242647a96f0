/**
 * Checks an official wording overlay folder against the instrument definitions:
 * `<overlay>/<instrumentId>/<itemId>.txt` for every item, optionally
 * `instructions.txt`; the same per translated language under
 * `<overlay>/locales/<locale>/<instrumentId>/`. Problems are diagnostics on a VFile
 * per overlay folder.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import type { Instrument } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';

/** Names of the environment variable that configures the overlay folder. */
export const WORDING_OVERLAY_ENV = 'MESTRING_WORDING_OVERLAY';

/** Text files of an instrument's overlay folder, by item id (without `.txt`). */
export function overlayTexts(dir: string): Set<string> {
  return new Set(readdirSync(dir).filter((name) => name.endsWith('.txt')).map((name) => name.slice(0, -4)));
}

/**
 * One VFile per instrument folder in `overlayDir` (plus one for the overlay folder
 * itself when it is missing or names an unknown instrument), with
 * `overlay-item-unknown` and `overlay-item-missing` errors.
 *
 * @example
 *   const files = checkOverlay('/etc/mestring/wording', instruments);
 *   hasErrors(files);
 */
export function checkOverlay(overlayDir: string, instruments: ReadonlyMap<string, Instrument>, cwd = process.cwd()): VFile[] {
  const root = new VFile({ path: relative(cwd, overlayDir) || overlayDir });
  if (!existsSync(overlayDir) || !statSync(overlayDir).isDirectory()) {
    report(root, 'error', 'overlay-item-missing', `Missing overlay folder '${overlayDir}', expected a folder of <instrumentId>/<itemId>.txt files`);
    return [root];
  }
  const files: VFile[] = [root];
  checkInstrumentFolders(overlayDir, instruments, root, files, cwd);
  const localesDir = join(overlayDir, 'locales');
  if (existsSync(localesDir) && statSync(localesDir).isDirectory()) {
    for (const locale of readdirSync(localesDir).sort()) {
      const dir = join(localesDir, locale);
      if (statSync(dir).isDirectory()) checkInstrumentFolders(dir, instruments, root, files, cwd);
    }
  }
  return files;
}

function checkInstrumentFolders(overlayDir: string, instruments: ReadonlyMap<string, Instrument>, root: VFile, files: VFile[], cwd: string): void {
  for (const name of readdirSync(overlayDir).sort()) {
    const dir = join(overlayDir, name);
    if (name === 'locales' || !statSync(dir).isDirectory()) continue;
    const instrument = instruments.get(name);
    if (!instrument) {
      report(root, 'error', 'overlay-item-unknown', `Unknown instrument '${name}', expected one of: ${[...instruments.keys()].join(', ')}`);
      continue;
    }
    const file = new VFile({ path: relative(cwd, dir) || dir });
    files.push(file);
    const texts = overlayTexts(dir);
    const ids = new Set(instrument.items.map((item) => item.id));
    for (const id of [...texts].sort()) {
      if (id !== 'instructions' && !ids.has(id)) {
        report(file, 'error', 'overlay-item-unknown', `Unknown item '${id}' in ${name}, expected one of: ${[...ids].join(', ')}`);
      }
    }
    for (const id of ids) {
      if (!texts.has(id)) report(file, 'error', 'overlay-item-missing', `Missing ${id}.txt in ${name}, expected the official text of every item`);
      else if (readFileSync(join(dir, `${id}.txt`), 'utf8').trim() === '') report(file, 'error', 'overlay-item-missing', `Empty ${id}.txt in ${name}, expected the official text of the item`);
    }
  }
}
