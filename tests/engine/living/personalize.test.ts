/** Living content for one person: computed values in the text and recalled entries. */
import { describe, expect, it } from 'vitest';
import { fillValues, formatValue, personalizeSection, personalValues, validatorFor, type PersonData } from '../../../engine/index.ts';
import { compileFixture } from '../compile/fixture-pack.ts';

const { program, diagnostics } = compileFixture('living');
const part = program!.sections[1]!;

const night = (date: string) => ({
  date, 'in-bed': '23:00', 'lights-out': '23:00', 'sleep-latency': 20, 'awake-during-night': 30, 'final-wake': '06:00', 'out-of-bed': '06:30',
});
const person: PersonData = {
  entries: [
    ...Array.from({ length: 8 }, (_, i) => ({ id: `ent_n${i}`, exerciseId: 'diary', values: night(`2025-03-0${i + 1}`), createdAt: `2025-03-0${i + 2}T07:00:00Z` })),
    { id: 'ent_rise1', exerciseId: 'plan', values: { 'rise-time': '06:30' }, createdAt: '2025-03-01T10:00:00Z' },
    { id: 'ent_rise2', exerciseId: 'plan', values: { 'rise-time': '07:00' }, createdAt: '2025-03-01T10:00:00Z', updatedAt: '2025-03-05T10:00:00Z' },
    { id: 'ent_goal', exerciseId: 'goals', values: { goal: 'Sove <bedre>', fit: 'a' }, createdAt: '2025-03-01T09:00:00Z' },
  ],
  responses: [
    { instrument: 'score', answers: { a: 0, b: 0 }, createdAt: '2025-03-01T09:00:00Z' },
    { instrument: 'score', answers: { a: 1, b: 1 }, createdAt: '2025-03-08T09:00:00Z' },
  ],
};

describe('personalizeSection', () => {
  it('compiles the fixture with living content and no diagnostics, matching the schema', () => {
    expect(diagnostics).toEqual([]);
    expect(validatorFor('program.schema.json')(program)).toBe(true);
    expect(program!.instruments.score).toBeDefined();
  });

  it('computes the sleep window from the last 7 nights and the latest rise time', () => {
    const values = personalValues(program!, part, person);
    expect(values['sleep-window']).toMatchObject({ minutes: 370, bedtime: '00:50', riseTime: '07:00', nights: 7, text: '6 t 10 min, fra 00:50 til 07:00' });
  });

  it('gives the latest score with its band', () => {
    expect(personalValues(program!, part, person)['score:score']).toMatchObject({ total: 2, max: 4, band: 'high', bandLabel: 'Mye plager', text: '2 av 4 (mye plager)' });
  });

  it('fills the markers in the HTML and the recalled entries, leaving its input as it was', () => {
    const filled = personalizeSection(program!, part, person);
    expect(filled.blocks[0]).toEqual({ type: 'html', html: '<p>Ditt søvnvindu: <span class="value" data-value="sleep-window">6 t 10 min, fra 00:50 til 07:00</span>. Legg deg kl. 22:30.</p>\n<p>Siste skår: <span class="value" data-value="score:score">2 av 4 (mye plager)</span>.</p>' });
    expect(filled.blocks[1]).toMatchObject({ type: 'recall', exercise: 'goals', section: 'start', entries: [{ id: 'ent_goal', values: { goal: 'Sove <bedre>', fit: 'a' }, createdAt: '2025-03-01T09:00:00Z' }] });
    expect(validatorFor('program.schema.json#/$defs/section')(filled)).toBe(true);
    expect(part.blocks[0]).toMatchObject({ html: expect.stringContaining('regnes ut når du har ført dagbok') });
    expect(part.blocks[1]).not.toHaveProperty('entries');
  });

  it('keeps the fallback text while there is nothing to compute', () => {
    const empty = personalizeSection(program!, part, { entries: [], responses: [] });
    expect(empty.blocks[0]).toEqual(part.blocks[0]);
    expect(empty.blocks[1]).toMatchObject({ entries: [] });
    // Nights but no rise time yet: no window.
    const noRise = personalValues(program!, part, { entries: person.entries.filter((e) => e.exerciseId === 'diary'), responses: [] });
    expect(noRise['sleep-window']).toBeNull();
  });
});

describe('formatValue and fillValues', () => {
  it('writes values in the edition\'s language', () => {
    const window = { of: 'sleep-window' as const, minutes: 360, bedtime: '00:30', riseTime: '06:30', nights: 7 };
    expect(formatValue(window, 'nb')).toBe('6 t, fra 00:30 til 06:30');
    expect(formatValue(window, 'nn')).toBe('6 t, frå 00:30 til 06:30');
    expect(formatValue(window, 'en')).toBe('6 h, from 00:30 to 06:30');
    expect(formatValue(window, 'en-GB')).toBe('6 h, from 00:30 to 06:30');
    expect(formatValue({ of: 'score', instrument: 'x', total: 12, max: 27, band: 'moderate', bandLabel: 'Moderate symptoms', answeredAt: '' }, 'en')).toBe('12 of 27 (moderate symptoms)');
  });
  it('escapes the text it puts into HTML and leaves unknown markers alone', () => {
    const html = '<span class="value" data-value="a">x</span> <span class="value" data-value="b">y</span>';
    expect(fillValues(html, { a: { text: '<b>&' }, b: null })).toBe('<span class="value" data-value="a">&#60;b&#62;&#38;</span> <span class="value" data-value="b">y</span>');
  });
});
