/** `mestring overlay check`: check an official wording overlay against the instrument definitions. */
import { reporter } from 'vfile-reporter';
import { loadInstruments } from '../../engine/compile/compile-tree.ts';
import { hasErrors } from '../../engine/diagnostics.ts';
import { checkOverlay, WORDING_OVERLAY_ENV } from '../../engine/scoring/check-overlay.ts';
import { UsageError, type Command } from '../command.ts';

export const overlay: Command = {
  name: 'overlay',
  help: `Usage: mestring overlay check [dir]

Checks a folder of official (licensed) item wording: <dir>/<instrumentId>/<itemId>.txt
and optionally <dir>/<instrumentId>/instructions.txt; for a translated edition
<dir>/locales/<locale>/<instrumentId>/<itemId>.txt. Reports item files that
name no item [overlay-item-unknown] and items without a file [overlay-item-missing].
Without dir, the folder named by ${WORDING_OVERLAY_ENV} is checked.

Options:
  -h, --help   show this help

Exit code: 0 no errors, 1 errors found, 2 bad usage.`,
  run({ positionals }) {
    const [action, dirArg, ...rest] = positionals;
    if (action !== 'check') throw new UsageError(action ? `unknown action '${action}', expected check` : 'missing action, expected check');
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    const dir = dirArg ?? process.env[WORDING_OVERLAY_ENV];
    if (!dir) throw new UsageError(`missing overlay folder, expected a dir argument or ${WORDING_OVERLAY_ENV}`);
    const { instruments } = loadInstruments('programs/instruments');
    const files = checkOverlay(dir, instruments);
    const text = reporter(files, { quiet: true });
    if (text) console.error(text);
    const checked = files.length - 1;
    console.log(`${checked} instrument overlay(s) checked`);
    return hasErrors(files) ? 1 : 0;
  },
};
