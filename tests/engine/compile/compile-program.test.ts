/** What the compiler produces for a valid pack: blocks, fields, requirements, prose kept intact. */
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../../engine/index.ts';
import { compileFixture } from './fixture-pack.ts';

describe('compileProgram', () => {
  const { program } = compileFixture(undefined);

  it('produces a program that matches schemas/program.schema.json', () => {
    const validate = validatorFor('program.schema.json');
    expect(validate(program), JSON.stringify(validate.errors)).toBe(true);
  });

  it('keeps clock times and ratios in prose unchanged', () => {
    const html = program!.sections[0]!.blocks[0];
    expect(html).toEqual({
      type: 'html',
      html: '<h2>Velkommen</h2>\n<p>Legg deg kl. 22:30 og stå opp kl. 06:30. Tiden 10:00-11:30 er fri, og forholdet er 1:2.</p>',
    });
  });

  it('keeps a word after a colon as text, with a warning', () => {
    const { program: warned, diagnostics } = compileFixture('text-directive');
    expect(diagnostics.map((d) => d.line)).toEqual(['demo/sections/02-videre.md:8:25 warning text-directive-restored']);
    expect(warned!.sections[1]!.blocks[0]).toEqual({
      type: 'html',
      html: '<p>Legg deg kl. 22:30. Merk:dette er viktig. Forholdet 1:2 og tiden 10:00-11:30 står.</p>',
    });
  });

  it('compiles exercises with typed fields and notes inside them', () => {
    const exercise = program!.sections[0]!.blocks.find((b) => b.type === 'exercise');
    expect(exercise).toMatchObject({
      id: 'goals',
      title: 'Mine mål',
      kind: 'form',
      required: true,
      repeatable: false,
      minEntries: 1,
      fields: [
        { id: 'goal', type: 'longtext', required: true },
        { id: 'importance', type: 'scale', min: 0, max: 10, step: 1, anchors: ['Lite', 'Mye'], required: false },
        { id: 'fit', type: 'choice', options: [{ value: 'a', label: 'Det første' }, { value: 'b', label: 'Det andre' }] },
      ],
    });
    expect(exercise && 'html' in exercise ? exercise.html : '').toContain('<aside class="note note-tip"><p class="note-title"><strong>Eksempel</strong></p>');
  });

  it('derives completion requirements from required exercises and questionnaires', () => {
    expect(program!.sections.map((s) => s.requirements)).toEqual([
      { exercises: [{ id: 'goals', minEntries: 1 }], questionnaires: [] },
      { exercises: [{ id: 'daily-log', minEntries: 3 }], questionnaires: ['mini'] },
    ]);
    expect(program!.sections[1]!.unlock).toEqual({ minDaysAfterPrevious: 3 });
  });

  it('rewrites links to sections and images to assets', () => {
    const html = program!.sections.flatMap((s) => s.blocks).map((b) => ('html' in b ? b.html : '')).join('\n');
    expect(html).toContain('<a href="#section-videre" data-section-id="videre">neste del</a>');
    expect(html).toContain('<img src="assets/sti.png" alt="En sti gjennom skogen">');
    expect(html).toContain('<a href="tel:113">113</a>');
  });

  it('renders tables', () => {
    expect(program!.sections[1]!.blocks.at(-1)).toEqual({
      type: 'html',
      html: '<table>\n<thead>\n<tr>\n<th>Trinn</th>\n<th>Angst</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Stå i kø</td>\n<td>3</td>\n</tr>\n</tbody>\n</table>',
    });
  });

  it('embeds the instruments it uses and the check-in form', () => {
    expect(Object.keys(program!.instruments).sort()).toEqual(['checkin', 'eval', 'mini']);
    expect(program!.instruments.checkin!.items).toEqual([
      { id: 'mood', text: 'Hvordan har du det i dag?', type: 'scale', min: 0, max: 10, anchors: ['Svært dårlig', 'Svært bra'] },
    ]);
  });

  it('gives the same content hash for the same source, and another for changed text', () => {
    expect(compileFixture(undefined).program!.contentHash).toBe(program!.contentHash);
    expect(compileFixture('text-directive').program!.contentHash).not.toBe(program!.contentHash);
  });
});
