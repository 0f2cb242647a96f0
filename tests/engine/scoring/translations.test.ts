/**
 * The English edition of every shared questionnaire and form: complete (every item, option,
 * band and subscale of the source), labelled by name as the project's own adaptation, with
 * no Norwegian left, and scored exactly like the source. The edition's instruments are made
 * by translateInstrument, as compile-edition does for a program that declares `en`.
 */
import { describe, expect, it } from 'vitest';
import { loadInstruments, scoreResponse, translateInstrument, validatorFor } from '../../../engine/index.ts';
import { labelledIds } from '../../../engine/instruments/labelled-ids.ts';
import type { Instrument, InstrumentTranslation } from '../../../schemas/types.ts';

const instrumentsDir = new URL('../../../programs/instruments/', import.meta.url).pathname;
const loaded = loadInstruments(instrumentsDir);
const english = loaded.translations.get('en');
const ids = [...loaded.instruments.keys()].sort();

function source(id: string): Instrument {
  const found = loaded.instruments.get(id);
  if (!found) throw new Error(`instrument ${id} did not load`);
  return found;
}
function translation(id: string): InstrumentTranslation {
  const found = english?.get(id);
  if (!found) throw new Error(`no usable en translation of ${id}: ${loaded.files.flatMap((f) => f.messages.map(String)).join('\n')}`);
  return found;
}
const edition = (id: string) => translateInstrument(source(id), translation(id));

/** Everything of an instrument that is not words: ids, values, types, flags and scoring rules. */
function withoutWords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWords);
  if (value === null || typeof value !== 'object') return value;
  const words = new Set(['title', 'wording', 'instructions', 'recallPeriod', 'text', 'label', 'name', 'anchors', 'examples']);
  return Object.fromEntries(Object.entries(value).filter(([key]) => !words.has(key)).map(([key, v]) => [key, withoutWords(v)]));
}

/** Every string a person can be shown. */
function wordsOf(inst: Instrument): string[] {
  const scoring = inst.scoring;
  return [
    inst.title,
    inst.wording.label ?? '',
    inst.instructions ?? '',
    inst.recallPeriod ?? '',
    ...(inst.options ?? []).map((o) => o.label),
    ...inst.items.flatMap((item) => [item.text ?? '', ...(item.anchors ?? []), ...(item.options ?? []).map((o) => o.label)]),
    ...[scoring?.total, ...(scoring?.subscales ?? [])].flatMap((scale) => (scale?.bands ?? []).map((b) => b.label)),
    ...(scoring?.subscales ?? []).map((s) => s.name),
    ...(scoring?.classification ? [...scoring.classification.classes, scoring.classification.otherwise].map((c) => c.label) : []),
  ].filter(Boolean);
}

describe('English translations of the shared questionnaires', () => {
  it('exist for every instrument and load with no diagnostic (none missing, extra or outdated)', () => {
    expect(ids).toEqual(['bis', 'dass21', 'evaluation', 'gad2', 'gad7', 'isi', 'phq2', 'phq9', 'pss10', 'pswq', 'wsas']);
    expect([...(english?.keys() ?? [])].sort()).toEqual(ids);
    const messages = loaded.files.flatMap((file) => file.messages.map((m) => `${file.path}:${m.line}: ${m.ruleId} ${m.reason}`));
    expect(messages).toEqual([]);
  });

  it.each(ids)('%s: covers every item, option, band and subscale of the source, and nothing else', (id) => {
    const inst = source(id);
    const t = translation(id);
    const values = (options: readonly { value: number }[] | undefined) => (options ?? []).map((o) => String(o.value)).sort();
    expect(Object.keys(t.options ?? {}).sort()).toEqual(values(inst.options));
    const shown = inst.items.filter((item) => item.text !== undefined);
    expect(Object.keys(t.items ?? {}).sort()).toEqual(shown.map((item) => item.id).sort());
    for (const item of shown) {
      const entry = t.items?.[item.id];
      const options = typeof entry === 'string' ? {} : entry?.options ?? {};
      expect(Object.keys(options).sort(), `options of ${id} ${item.id}`).toEqual(values(item.options));
    }
    expect(Object.keys(t.bands ?? {}).sort()).toEqual([...labelledIds(inst).keys()].sort());
    expect(Object.keys(t.subscales ?? {}).sort()).toEqual((inst.scoring?.subscales ?? []).map((s) => s.id).sort());
    expect(t.instructions === undefined).toBe(inst.instructions === undefined);
    expect(t.recallPeriod === undefined).toBe(inst.recallPeriod === undefined);
  });

  it.each(ids)('%s: the English edition has every word in English and no Norwegian left', (id) => {
    const words = wordsOf(edition(id));
    const norwegian = wordsOf(source(id));
    expect(words).toHaveLength(norwegian.length);
    for (const word of words) {
      expect(word, `${id}: ${word}`).not.toMatch(/[æøåÆØÅ]/);
      expect(word, `${id}: ${word}`).not.toMatch(/\b(ikke|jeg|du|deg|og|eller|har|hvor|dager|passer|problemene|svært|lett|angst|alvorlig)\b/i);
    }
    // Only numbers (option labels "1", "0 days" has words) and words spelt alike in both languages repeat.
    const same = words.filter((word, i) => word === norwegian[i] && !/^\d+$/.test(word));
    expect(same).toEqual(id === 'dass21' ? ['Stress'] : []);
  });

  it.each(ids)('%s: a translation changes no id, value, type or scoring rule', (id) => {
    const translated = edition(id);
    expect(withoutWords(translated)).toEqual(withoutWords(source(id)));
    const validate = validatorFor('instrument.schema.json');
    expect(validate(translated), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the label a person sees in English', () => {
  const adapted: [string, string][] = [
    ['phq9', 'PHQ-9'], ['phq2', 'PHQ-2'], ['gad7', 'GAD-7'], ['gad2', 'GAD-2'], ['pswq', 'PSWQ'],
    ['pss10', 'PSS-10'], ['dass21', 'DASS-21'], ['wsas', 'WSAS'], ['bis', 'the Bergen Insomnia Scale (BIS)'],
  ];
  it.each(adapted)('%s says it is our own English adaptation of %s, and the edition shows it as the label', (id, name) => {
    const pattern = new RegExp(`^Our own English adaptation of ${name.replace(/[()]/g, '\\$&')}, written by Mestring\\. Not the `);
    expect(translation(id).wording).toMatch(pattern);
    const translated = edition(id);
    expect(translated.wording).toEqual({ source: 'adapted', note: translation(id).wording, label: translation(id).wording });
    // The title never is the bare official name.
    expect(translated.title).not.toContain(name.replace(/^the /, ''));
  });
  it('the project\'s own form has no label; the licensed ISI keeps no wording and no item text', () => {
    expect(edition('evaluation').wording).toEqual({ source: 'adapted', note: 'Written by the Mestring project.' });
    const isi = edition('isi');
    expect(isi.wording).toEqual(source('isi').wording);
    expect(isi.items.every((item) => item.text === undefined)).toBe(true);
    expect(isi.title).toBe('Sleep problems (ISI)');
  });
});

describe('answer options keep the meaning of the source', () => {
  it.each(['phq9', 'phq2', 'gad7', 'gad2'])('%s: not at all, several days, more than half the days, nearly every day', (id) => {
    expect(edition(id).options).toEqual([
      { value: 0, label: 'Not at all' },
      { value: 1, label: 'On several days' },
      { value: 2, label: 'On more than half of the days' },
      { value: 3, label: 'Almost every day' },
    ]);
  });
  it('PHQ-2 and GAD-2 ask items 1 and 2 of PHQ-9 and GAD-7 in the same words', () => {
    const text = (id: string) => edition(id).items.map((item) => item.text);
    expect(text('phq2')).toEqual(text('phq9').slice(0, 2));
    expect(text('gad2')).toEqual(text('gad7').slice(0, 2));
  });
  it('PSS-10 runs from never to very often, with "never" (not "not at all") at 0', () => {
    expect(edition('pss10').options?.map((o) => o.label)).toEqual(['Never', 'Hardly ever', 'Now and then', 'Quite often', 'Very often']);
  });
  it('WSAS asks how much less able the problems make the person in each area, and item 1 offers "does not apply" for someone retired or not working by choice', () => {
    const wsas = edition('wsas');
    for (const item of wsas.items) expect(item.text).toMatch(/^My problems make me less able to /);
    const q1 = wsas.items.find((item) => item.id === 'q1');
    expect(q1?.options?.find((o) => o.value === 8)?.label).toBe('8 Very much: I am not able to work');
    expect(q1?.options?.filter((o) => o.notApplicable)).toEqual([{ value: 9, label: expect.stringMatching(/^Does not apply: I am retired, or I have chosen not to have a job/), notApplicable: true }]);
  });
  it('BIS answers in days a week, 0 to 7', () => {
    expect(edition('bis').options?.map((o) => o.label)).toEqual(['0 days', '1 day', '2 days', '3 days', '4 days', '5 days', '6 days', '7 days']);
  });
});

describe('scoring on the English edition', () => {
  it.each(ids)('%s: every scoring example gives the same result in English as in Norwegian', (id) => {
    const inst = source(id);
    const translated = edition(id);
    expect(inst.examples?.length).toBeGreaterThan(0);
    for (const example of inst.examples ?? []) {
      const nb = scoreResponse(inst, example.answers);
      expect(scoreResponse(translated, example.answers)).toEqual(nb);
      if (example.total !== undefined) expect(nb.total).toBe(example.total);
      if (example.band !== undefined) expect(nb.band).toBe(example.band);
    }
  });

  it.each(ids.filter((id) => source(id).kind === 'scored'))('%s: 100 mixed answer sets (some unanswered) score the same in both languages', (id) => {
    const inst = source(id);
    const translated = edition(id);
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 100; n++) {
      const answers: Record<string, number | null> = {};
      for (const item of inst.items) {
        const options = item.options ?? inst.options ?? [];
        answers[item.id] = next() < 0.05 ? null : (options[Math.floor(next() * options.length)]?.value ?? null);
      }
      expect(scoreResponse(translated, answers)).toEqual(scoreResponse(inst, answers));
    }
  });

  it('PHQ-9 in English: 2,1,0,3,1,0,2,0,1 is 10, moderate, with the risk flag', () => {
    const answers = Object.fromEntries([2, 1, 0, 3, 1, 0, 2, 0, 1].map((v, i) => [`q${i + 1}`, v]));
    expect(scoreResponse(edition('phq9'), answers)).toMatchObject({ valid: true, total: 10, band: 'moderate', flags: ['risk'] });
    expect(edition('phq9').scoring?.total?.bands?.find((b) => b.id === 'moderate')?.label).toBe('Moderate symptoms');
  });
});
