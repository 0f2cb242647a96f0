/**
 * Locale packs: a translation compiles into an edition with the source's structure
 * and ids and its own words; nynorsk (nn) works with no code change.
 */
import { describe, expect, it } from 'vitest';
import { editionFor, programLocales, validatorFor, withSourceHash, sourceHash } from '../../../engine/index.ts';
import type { CompiledProgram } from '../../../schemas/types.ts';
import { compileFixture } from './fixture-pack.ts';

/** Everything of a program that is not words: ids, kinds, gating, requirements, fields' types and option values. */
function structureOf(program: CompiledProgram) {
  return program.sections.map((s) => ({
    id: s.id,
    number: s.number,
    estimatedMinutes: s.estimatedMinutes,
    unlock: s.unlock,
    requirements: s.requirements,
    blocks: s.blocks.filter((b) => b.type !== 'html').map((b) =>
      b.type === 'exercise'
        ? { id: b.id, kind: b.kind, required: b.required, repeatable: b.repeatable, minEntries: b.minEntries, fields: b.fields.map((f) => ({ id: f.id, type: f.type, required: f.required, min: f.min, max: f.max, options: f.options?.map((o) => o.value) })) }
        : b.type === 'note' ? { note: b.kind } : b),
  }));
}

describe('a pack with a nynorsk translation', () => {
  const { program, diagnostics } = compileFixture('locale-nn');
  const nn = program?.editions?.nn as CompiledProgram;

  it('compiles with no diagnostics into the source edition and an nn edition', () => {
    expect(diagnostics).toEqual([]);
    expect(program?.locale).toBe('nb');
    expect(nn.locale).toBe('nn');
    expect(programLocales(program!)).toEqual(['nb', 'nn']);
    const validate = validatorFor('program.schema.json');
    expect(validate(program), JSON.stringify(validate.errors)).toBe(true);
  });

  it('keeps the structure, ids and gating of the source', () => {
    expect(structureOf(nn)).toEqual(structureOf(program!));
    expect(nn.measurement).toEqual(program!.measurement);
    expect(nn.version).toBe(program!.version);
    expect(nn.editions).toBeUndefined();
  });

  it('has the words of the translation', () => {
    expect(nn.summary).toBe('Eit lite testprogram.');
    expect(nn.sections[1]!.title).toBe('Vidare');
    const goals = nn.sections[0]!.blocks.find((b) => b.type === 'exercise');
    expect(goals).toMatchObject({ id: 'goals', title: 'Måla mine', fields: [{ id: 'goal', label: 'Kva vil du oppnå?' }, { id: 'importance', anchors: ['Lite', 'Mykje'] }, { id: 'fit', options: [{ value: 'a', label: 'Det første' }, { value: 'b', label: 'Det andre' }] }] });
    expect(nn.sections[0]!.blocks[0]).toEqual({ type: 'html', html: '<h2>Velkomen</h2>\n<p>Legg deg kl. 22:30 og stå opp kl. 06:30. Tida 10:00-11:30 er fri, og forholdet er 1:2.</p>' });
    expect(nn.sections[0]!.blocks.at(-1)).toEqual({ type: 'html', html: '<p>Les vidare i <a href="#section-videre" data-section-id="videre">neste del</a>.</p>' });
  });

  it('translates the questionnaires and the check-in, labelled as the project\'s own adaptation, with the source\'s scoring', () => {
    expect(nn.instruments.mini).toMatchObject({ title: 'Eit lite skjema', wording: { source: 'adapted', note: 'Prosjektet si eiga nynorske tilpassing.' }, items: [{ id: '1', text: 'Sov du godt?' }, { id: '2', text: 'Åt du frukost?' }], options: [{ value: 0, label: 'Nei' }, { value: 1, label: 'Ja' }] });
    expect(nn.instruments.checkin).toMatchObject({ title: 'Innsjekk', items: [{ id: 'mood', text: 'Korleis har du det i dag?', anchors: ['Svært dårleg', 'Svært bra'] }] });
    expect(program!.instruments.mini!.items[1]!.text).toBe('Spiste du frokost?');
  });

  it('leaves the source edition as it was, with its own content hash', () => {
    const base = compileFixture(undefined).program!;
    expect(program!.contentHash).toBe(base.contentHash);
    expect(nn.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(nn.contentHash).not.toBe(program!.contentHash);
  });

  it('picks an edition by language and falls back to the source', () => {
    expect(editionFor(program!, 'nn')).toBe(nn);
    expect(editionFor(program!, 'nn-NO')).toBe(nn);
    expect(editionFor(program!, 'nb')).toBe(program);
    expect(editionFor(program!, 'en')).toBe(program);
    expect(editionFor(program!, undefined)).toBe(program);
  });

  it('compiles no program while a translation has an error', () => {
    expect(compileFixture('translation-structure').program).toBeUndefined();
    expect(compileFixture('translation-outdated').program?.editions?.en).toBeDefined();
  });
});

describe('source hashes', () => {
  it('ignores line endings', () => {
    expect(sourceHash('a\r\nb\n')).toBe(sourceHash('a\nb\n'));
    expect(sourceHash('a\nb\n')).toMatch(/^[0-9a-f]{10}$/);
  });
  it('sets source: in front matter after id, or replaces it, keeping everything else', () => {
    expect(withSourceHash('---\nid: start\ntitle: Start\n---\n\nText.\n', '0123456789', 'front-matter')).toBe('---\nid: start\nsource: "0123456789"\ntitle: Start\n---\n\nText.\n');
    expect(withSourceHash('---\nid: start\nsource: "aaaaaaaaaa"\n---\nsource: body\n', 'bbbbbbbbbb', 'front-matter')).toBe('---\nid: start\nsource: "bbbbbbbbbb"\n---\nsource: body\n');
    expect(withSourceHash('# comment\ntitle: X\n', 'cccccccccc', 'yaml')).toBe('# comment\nsource: "cccccccccc"\ntitle: X\n');
    expect(() => withSourceHash('no front matter', 'c', 'front-matter')).toThrow(/front matter/);
  });
});
