/**
 * Installs an official wording overlay on an instrument: the item texts (and
 * instructions) come from `<overlay>/<instrumentId>/`, and wording.source becomes
 * official. Adapted and official wording are never mixed: an incomplete overlay
 * leaves the instrument as it was (see checkOverlay for the reason).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Instrument } from '../../schemas/types.ts';
import { overlayTexts } from './check-overlay.ts';

/**
 * The instrument with its official wording from `overlayDir`, or `instrument`
 * itself when the overlay has no complete folder for it. Does not change its input.
 *
 * @example
 *   const isi = applyOverlay(instruments.get('isi')!, process.env.MESTRING_WORDING_OVERLAY!);
 *   isi.wording.source; // 'official' when isi/q1.txt ... isi/q7.txt are present
 */
export function applyOverlay(instrument: Instrument, overlayDir: string): Instrument {
  const dir = join(overlayDir, instrument.id);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return instrument;
  const texts = overlayTexts(dir);
  if (!instrument.items.every((item) => texts.has(item.id))) return instrument;
  const read = (id: string) => readFileSync(join(dir, `${id}.txt`), 'utf8').trim();
  if (instrument.items.some((item) => read(item.id) === '')) return instrument;
  const instructions = texts.has('instructions') ? read('instructions') : instrument.instructions;
  return {
    ...instrument,
    wording: { source: 'official', note: `Official wording installed from the service's overlay (${instrument.id}/).` },
    ...(instructions ? { instructions } : {}),
    items: instrument.items.map((item) => ({ ...item, text: read(item.id) })),
  };
}
