/** Official wording overlays: apply and check. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOverlay, overlayProgram } from '../../../engine/scoring/apply-overlay.ts';
import { checkOverlay } from '../../../engine/scoring/check-overlay.ts';
import { instrument } from './instruments.ts';

const isi = instrument('isi');
const instruments = new Map([['isi', isi], ['phq2', instrument('phq2')]]);

function overlay(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'overlay-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const completeIsi: Record<string, string> = Object.fromEntries([...isi.items.map((item) => [`isi/${item.id}.txt`, `Official text ${item.id}\n`]), ['isi/instructions.txt', 'Official instructions']]);

describe('applyOverlay', () => {
  it('installs the official text and marks the wording official', () => {
    const applied = applyOverlay(isi, overlay(completeIsi));
    expect(applied.wording.source).toBe('official');
    expect(applied.items.map((i) => i.text)).toEqual(isi.items.map((i) => `Official text ${i.id}`));
    expect(applied.instructions).toBe('Official instructions');
    expect(applied.scoring).toEqual(isi.scoring);
    expect(isi.wording.source).toBe('none');
    expect(isi.items[0]?.text).toBeUndefined();
  });
  it('leaves the instrument as it was when its overlay is incomplete or absent', () => {
    const { ['isi/q7.txt']: _, ...partial } = completeIsi;
    expect(applyOverlay(isi, overlay(partial))).toBe(isi);
    expect(applyOverlay(isi, overlay({ 'isi/q1.txt': '' }))).toBe(isi);
    expect(applyOverlay(instrument('phq2'), overlay(completeIsi))).toBe(instrument('phq2'));
  });
});

describe('overlays per language', () => {
  const inLocale = (locale: string): Record<string, string> => Object.fromEntries(Object.entries(completeIsi).map(([path, text]) => [`locales/${locale}/${path}`, text.replace('Official', `Official ${locale}`)]));
  it('takes a translated edition\'s wording from locales/<locale>/ and the source wording from the top', () => {
    const dir = overlay({ ...completeIsi, ...inLocale('en') });
    expect(applyOverlay(isi, dir).items[0]?.text).toBe('Official text q1');
    expect(applyOverlay(isi, dir, 'en').items[0]?.text).toBe('Official en text q1');
    expect(applyOverlay(isi, dir, 'nn')).toBe(isi);
  });
  it('applies to every edition of a program by its locale', () => {
    const program = { id: 'p', locale: 'nb', instruments: { isi }, editions: { en: { id: 'p', locale: 'en', instruments: { isi } } } } as never;
    const applied = overlayProgram(program, overlay({ ...inLocale('en') })) as unknown as { instruments: { isi: typeof isi }; editions: { en: { instruments: { isi: typeof isi } } } };
    expect(applied.instruments.isi).toBe(isi);
    expect(applied.editions.en.instruments.isi.items[0]?.text).toBe('Official en text q1');
  });
  it('checks the folders of each language', () => {
    const { ['isi/q7.txt']: _, ...partial } = completeIsi;
    const found = checkOverlay(overlay(Object.fromEntries(Object.entries(partial).map(([p, t]) => [`locales/en/${p}`, t])) as Record<string, string>), instruments).flatMap((f) => f.messages.map((m) => `${f.path}: ${m.ruleId}`));
    expect(found).toEqual([expect.stringMatching(/locales\/en\/isi: overlay-item-missing$/)]);
  });
});

describe('checkOverlay', () => {
  const rules = (dir: string) => checkOverlay(dir, instruments).flatMap((f) => f.messages.map((m) => `${m.ruleId}: ${m.reason}`));
  it('accepts a complete overlay', () => {
    expect(rules(overlay(completeIsi))).toEqual([]);
  });
  it('reports unknown items, unknown instruments and missing or empty items', () => {
    const { ['isi/q7.txt']: _, ...partial } = completeIsi;
    const found = rules(overlay({ ...partial, 'isi/q8.txt': 'x', 'isi/q2.txt': '  ', 'isi7/q1.txt': 'x' }));
    expect(found).toEqual([
      expect.stringMatching(/^overlay-item-unknown: Unknown instrument 'isi7'/),
      expect.stringMatching(/^overlay-item-unknown: Unknown item 'q8' in isi/),
      expect.stringMatching(/^overlay-item-missing: Empty q2.txt in isi/),
      expect.stringMatching(/^overlay-item-missing: Missing q7.txt in isi/),
    ]);
  });
});
