/**
 * Installs an official wording overlay on an instrument: the item texts (and
 * instructions) come from `<overlay>/<instrumentId>/` for a program's source
 * language, or `<overlay>/locales/<locale>/<instrumentId>/` for a translated
 * edition (the same layout as programs/instruments/locales/), and wording.source
 * becomes official. Adapted and official wording are never mixed: an incomplete
 * overlay leaves the instrument as it was (see checkOverlay for the reason).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledProgram, Instrument } from '../../schemas/types.ts';
import { overlayTexts } from './check-overlay.ts';

/**
 * The instrument with its official wording from `overlayDir` (in `locale`, when
 * given: a translated edition's language), or `instrument` itself when the overlay
 * has no complete folder for it. Does not change its input.
 *
 * @example
 *   const isi = applyOverlay(instruments.get('isi')!, process.env.MESTRING_WORDING_OVERLAY!);
 *   isi.wording.source; // 'official' when isi/q1.txt ... isi/q7.txt are present
 *   applyOverlay(englishIsi, overlayDir, 'en'); // from locales/en/isi/
 */
export function applyOverlay(instrument: Instrument, overlayDir: string, locale?: string): Instrument {
  const dir = locale ? join(overlayDir, 'locales', locale, instrument.id) : join(overlayDir, instrument.id);
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

/**
 * `program` with the overlay applied to every instrument of the source edition
 * (`<overlay>/<id>/`) and of each translated edition (`<overlay>/locales/<locale>/<id>/`).
 *
 * @example
 *   const programs = compiled.map((p) => overlayProgram(p, config.wordingOverlay));
 */
export function overlayProgram(program: CompiledProgram, overlayDir: string): CompiledProgram {
  const apply = (edition: CompiledProgram, locale?: string): CompiledProgram => ({
    ...edition,
    instruments: Object.fromEntries(Object.entries(edition.instruments).map(([id, instrument]) => [id, applyOverlay(instrument, overlayDir, locale)])),
  });
  const source = apply(program);
  if (!program.editions) return source;
  return { ...source, editions: Object.fromEntries(Object.entries(program.editions).map(([locale, edition]) => [locale, apply(edition, locale)])) };
}
