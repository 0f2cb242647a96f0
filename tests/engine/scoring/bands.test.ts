/** Every band boundary of every shipped instrument, both sides of each cut-off, plus all-minimum and all-maximum. */
import { describe, expect, it } from 'vitest';
import { scoreResponse } from '../../../engine/scoring/score-response.ts';
import { answersForTotal, instrument } from './instruments.ts';

const expectedBands: Record<string, [number, number, string][]> = {
  phq9: [[0, 4, 'minimal'], [5, 9, 'mild'], [10, 14, 'moderate'], [15, 19, 'moderately_severe'], [20, 27, 'severe']],
  phq2: [[0, 2, 'negative_screen'], [3, 6, 'positive_screen']],
  gad7: [[0, 4, 'minimal'], [5, 9, 'mild'], [10, 14, 'moderate'], [15, 21, 'severe']],
  gad2: [[0, 2, 'negative_screen'], [3, 6, 'positive_screen']],
  pss10: [[0, 13, 'low'], [14, 26, 'moderate'], [27, 40, 'high']],
  wsas: [[0, 9, 'subclinical'], [10, 20, 'significant_functional_impairment'], [21, 40, 'moderately_severe_or_worse']],
  isi: [[0, 7, 'no_clinically_significant_insomnia'], [8, 14, 'subthreshold_insomnia'], [15, 21, 'clinical_insomnia_moderate'], [22, 28, 'clinical_insomnia_severe']],
};

describe('severity bands at every boundary', () => {
  for (const [id, bands] of Object.entries(expectedBands)) {
    const inst = instrument(id);
    for (const [min, max, band] of bands) {
      for (const total of new Set([min, max])) {
        it(`${id} ${total} is ${band}`, () => {
          const result = scoreResponse(inst, answersForTotal(inst, total));
          expect(result.valid).toBe(true);
          expect(result.total).toBe(total);
          expect(result.band).toBe(band);
        });
      }
    }
    it(`${id} all-minimum and all-maximum`, () => {
      const values = (inst.options ?? []).map((o) => o.value);
      const reverse = new Set(inst.scoring?.reverse ?? []);
      const lowest = Object.fromEntries(inst.items.map((i) => [i.id, reverse.has(i.id) ? Math.max(...values) : Math.min(...values)]));
      const highest = Object.fromEntries(inst.items.map((i) => [i.id, reverse.has(i.id) ? Math.min(...values) : Math.max(...values)]));
      expect(scoreResponse(inst, lowest).total).toBe(bands[0]![0]);
      expect(scoreResponse(inst, lowest).band).toBe(bands[0]![2]);
      expect(scoreResponse(inst, highest).total).toBe(bands.at(-1)![1]);
      expect(scoreResponse(inst, highest).band).toBe(bands.at(-1)![2]);
    });
  }
});

describe('DASS-21 subscales: summed, doubled, banded', () => {
  const dass = instrument('dass21');
  const subscales: Record<string, { items: string[]; bands: [number, number, string][] }> = {
    depression: { items: ['q3', 'q5', 'q10', 'q13', 'q16', 'q17', 'q21'], bands: [[0, 9, 'normal'], [10, 13, 'mild'], [14, 20, 'moderate'], [21, 27, 'severe'], [28, 42, 'extremely_severe']] },
    anxiety: { items: ['q2', 'q4', 'q7', 'q9', 'q15', 'q19', 'q20'], bands: [[0, 7, 'normal'], [8, 9, 'mild'], [10, 14, 'moderate'], [15, 19, 'severe'], [20, 42, 'extremely_severe']] },
    stress: { items: ['q1', 'q6', 'q8', 'q11', 'q12', 'q14', 'q18'], bands: [[0, 14, 'normal'], [15, 18, 'mild'], [19, 25, 'moderate'], [26, 33, 'severe'], [34, 42, 'extremely_severe']] },
  };
  const zero = Object.fromEntries(dass.items.map((i) => [i.id, 0]));
  for (const [id, { items, bands }] of Object.entries(subscales)) {
    it(`${id} uses its own items and doubles the sum`, () => {
      const answers = { ...zero, [items[0]!]: 3, [items[1]!]: 2 };
      const result = scoreResponse(dass, answers);
      expect(result.subscales[id]?.total).toBe(10);
      for (const other of Object.keys(subscales).filter((o) => o !== id)) expect(result.subscales[other]?.total).toBe(0);
    });
    for (const [min, max, band] of bands) {
      // Doubled sums are even: test the even totals on both sides of each cut-off.
      for (const total of new Set([min % 2 ? min + 1 : min, max % 2 ? max - 1 : max])) {
        it(`${id} ${total} is ${band}`, () => {
          const answers = { ...zero, ...answersForTotal(dass, total / 2, items) };
          expect(scoreResponse(dass, answers).subscales[id]).toEqual({ total, band });
        });
      }
    }
  }
  it('all-maximum is 42 and extremely severe on each; no total', () => {
    const result = scoreResponse(dass, Object.fromEntries(dass.items.map((i) => [i.id, 3])));
    expect(result.total).toBeNull();
    expect(Object.values(result.subscales)).toEqual([{ total: 42, band: 'extremely_severe' }, { total: 42, band: 'extremely_severe' }, { total: 42, band: 'extremely_severe' }]);
  });
});

describe('the words of a screening band', () => {
  // The cut-off (3) is itself a positive screen, so "over" the cut-off would tell a person
  // who scored exactly 3 the wrong thing.
  for (const id of ['phq2', 'gad2']) {
    it(`${id}: the positive screen is "at or above" the cut-off, which it includes`, () => {
      const band = instrument(id).scoring?.total?.bands?.find((b) => b.id === 'positive_screen');
      expect(band?.min).toBe(3);
      expect(band?.label).toMatch(/^På eller over grenseverdien/);
    });
  }
});
