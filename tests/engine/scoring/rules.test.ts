/** Reverse scoring, proration, the PHQ-9 item-9 rule, criterion classification and answer validation. */
import { describe, expect, it } from 'vitest';
import { answersFromList, scoreResponse } from '../../../engine/scoring/score-response.ts';
import type { Instrument } from '../../../schemas/types.ts';
import { fill, instrument } from './instruments.ts';

const phq9 = instrument('phq9');
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('reverse-scored items', () => {
  it('PSWQ reverses items 1, 3, 8, 10 and 11 on the 1-5 scale', () => {
    const pswq = instrument('pswq');
    const ones = fill(ids('q', 16), 1);
    expect(scoreResponse(pswq, ones).total).toBe(11 * 1 + 5 * 5);
    expect(scoreResponse(pswq, { ...ones, q1: 5 }).total).toBe(36 - 4);
    expect(scoreResponse(pswq, { ...ones, q2: 5 }).total).toBe(36 + 4);
    expect(scoreResponse(pswq, fill(ids('q', 16), 5)).total).toBe(11 * 5 + 5 * 1);
  });
  it('PSS-10 reverses items 4, 5, 7 and 8 on the 0-4 scale', () => {
    const pss = instrument('pss10');
    const zeros = fill(ids('q', 10), 0);
    expect(scoreResponse(pss, zeros).total).toBe(16);
    for (const q of ['q4', 'q5', 'q7', 'q8']) expect(scoreResponse(pss, { ...zeros, [q]: 4 }).total).toBe(12);
    for (const q of ['q1', 'q2', 'q3', 'q6', 'q9', 'q10']) expect(scoreResponse(pss, { ...zeros, [q]: 4 }).total).toBe(20);
  });
});

describe('PHQ-9 missing items and proration', () => {
  const all2 = fill(ids('q', 9), 2);
  it('prorates one missing item: sum x 9 / answered, rounded half up', () => {
    const result = scoreResponse(phq9, { ...all2, q3: null });
    expect(result).toMatchObject({ total: 18, prorated: true, answered: 8, missing: ['q3'] });
  });
  it('prorates two missing items and rounds', () => {
    // 7 answered summing to 8: 8 x 9 / 7 = 10.29 -> 10
    const answers = { q1: 2, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1, q8: null, q9: undefined };
    expect(scoreResponse(phq9, answers)).toMatchObject({ total: 10, band: 'moderate', prorated: true });
    // 7 answered summing to 13: 13 x 9 / 7 = 16.71 -> 17
    expect(scoreResponse(phq9, { q1: 3, q2: 3, q3: 2, q4: 2, q5: 1, q6: 1, q7: 1 }).total).toBe(17);
    // 8 answered summing to 13: 13 x 9 / 8 = 14.63 -> 15 (moderately severe, not moderate)
    expect(scoreResponse(phq9, { q1: 3, q2: 3, q3: 2, q4: 2, q5: 1, q6: 1, q7: 1, q8: 0 })).toMatchObject({ total: 15, band: 'moderately_severe' });
  });
  it('rounds exactly half up', () => {
    // 8 answered summing to 4: 4 x 9 / 8 = 4.5 -> 5 (mild, not minimal)
    expect(scoreResponse(phq9, { q1: 1, q2: 1, q3: 1, q4: 1, q5: 0, q6: 0, q7: 0, q8: 0 })).toMatchObject({ total: 5, band: 'mild' });
  });
  it('gives no total with three items missing', () => {
    const result = scoreResponse(phq9, { ...all2, q1: null, q2: null, q3: null });
    expect(result).toMatchObject({ valid: true, total: null, band: null, prorated: false, missing: ['q1', 'q2', 'q3'] });
  });
  it('GAD-7 is not prorated: one missing item gives no total', () => {
    const gad7 = instrument('gad7');
    expect(scoreResponse(gad7, { ...fill(ids('q', 7), 1), q7: null }).total).toBeNull();
  });
});

describe('PHQ-9 item 9', () => {
  const zeros = fill(ids('q', 9), 0);
  it('raises risk for any non-zero answer whatever the total', () => {
    for (const value of [1, 2, 3]) {
      const result = scoreResponse(phq9, { ...zeros, q9: value });
      expect(result.flags).toEqual(['risk']);
      expect(result.band).toBe('minimal');
    }
  });
  it('raises no flag for 0', () => {
    expect(scoreResponse(phq9, zeros).flags).toEqual([]);
  });
  it('an unanswered item 9 is risk_unknown, never no risk', () => {
    expect(scoreResponse(phq9, { ...zeros, q9: null }).flags).toEqual(['risk_unknown']);
    const { q9: _, ...without } = zeros;
    expect(scoreResponse(phq9, without).flags).toEqual(['risk_unknown']);
    expect(scoreResponse(phq9, {}).flags).toEqual(['risk_unknown']);
  });
  it('keeps the risk flag even when another answer is invalid', () => {
    const result = scoreResponse(phq9, { ...zeros, q1: 7, q9: 2 });
    expect(result.valid).toBe(false);
    expect(result.total).toBeNull();
    expect(result.flags).toEqual(['risk']);
  });
});

describe('Bergen Insomnia Scale classification', () => {
  const bis = instrument('bis');
  const zeros = fill(ids('q', 6), 0);
  it('insomnia needs >= 3 on one of items 1-4 and on one of items 5-6', () => {
    for (const night of ['q1', 'q2', 'q3', 'q4']) {
      for (const day of ['q5', 'q6']) {
        expect(scoreResponse(bis, { ...zeros, [night]: 3, [day]: 3 }).band).toBe('insomnia');
        expect(scoreResponse(bis, { ...zeros, [night]: 2, [day]: 3 }).band).toBe('no_insomnia');
        expect(scoreResponse(bis, { ...zeros, [night]: 3, [day]: 2 }).band).toBe('no_insomnia');
      }
    }
  });
  it('a high total alone is not insomnia', () => {
    const result = scoreResponse(bis, { q1: 7, q2: 7, q3: 7, q4: 7, q5: 2, q6: 2 });
    expect(result).toMatchObject({ total: 32, band: 'no_insomnia' });
  });
  it('an undecidable classification is null; a decided one survives missing items', () => {
    expect(scoreResponse(bis, { q1: 5, q2: 0, q3: 0, q4: 0 }).band).toBeNull();
    expect(scoreResponse(bis, { q1: 5, q5: 4 }).band).toBe('insomnia');
    expect(scoreResponse(bis, { q1: 0, q2: 0, q3: 0, q4: 0, q5: 7 }).band).toBe('no_insomnia');
  });
});

describe('WSAS: "not applicable" on the work item counts as missing', () => {
  const wsas = instrument('wsas');
  const notWorking = 9;
  it('is a valid answer, listed as missing, and the total is prorated over the other four items', () => {
    // NHS Data Dictionary: the missing score is replaced by the mean of the answered items.
    const result = scoreResponse(wsas, { q1: notWorking, q2: 3, q3: 3, q4: 3, q5: 2 });
    expect(result).toMatchObject({ valid: true, errors: [], total: 14, band: 'significant_functional_impairment', prorated: true, answered: 4, missing: ['q1'] });
    // Before: "not working" was answered 0 and gave 11, a lower band.
    expect(scoreResponse(wsas, { q1: 0, q2: 3, q3: 3, q4: 3, q5: 2 })).toMatchObject({ total: 11, prorated: false, missing: [] });
  });
  it('rounds half up: 4 answered summing to 6 gives 7.5 -> 8', () => {
    expect(scoreResponse(wsas, { q1: notWorking, q2: 2, q3: 2, q4: 1, q5: 1 })).toMatchObject({ total: 8, band: 'subclinical' });
  });
  it('with another item missing as well there is no total', () => {
    expect(scoreResponse(wsas, { q1: notWorking, q2: 8, q3: 8, q4: 8, q5: null })).toMatchObject({ valid: true, total: null, band: null, missing: ['q1', 'q5'] });
  });
  it('one unanswered item is prorated the same way; all five answered is a plain sum', () => {
    expect(scoreResponse(wsas, { q1: 4, q2: 4, q3: 4, q4: 4 })).toMatchObject({ total: 20, prorated: true });
    expect(scoreResponse(wsas, fill(ids('q', 5), 8))).toMatchObject({ total: 40, band: 'moderately_severe_or_worse', prorated: false });
  });
  it('"not applicable" exists only on the work item', () => {
    const result = scoreResponse(wsas, { q1: 2, q2: notWorking, q3: 2, q4: 2, q5: 2 });
    expect(result.errors).toEqual([expect.objectContaining({ item: 'q2', code: 'value_not_allowed' })]);
  });
});

describe('a not-applicable option in general', () => {
  const demo: Instrument = {
    id: 'demo', name: 'Demo', title: 'Demo', version: '1', kind: 'scored',
    licence: { status: 'project', note: 'n' }, wording: { source: 'adapted', note: 'n' },
    options: [{ value: 1, label: 'a' }, { value: 2, label: 'b' }, { value: 3, label: 'c' }, { value: 0, label: 'n/a', notApplicable: true }],
    items: [{ id: 'q1', text: 'a' }, { id: 'q2', text: 'b' }, { id: 'q3', text: 'c' }],
    scoring: { reverse: ['q1'], total: { proration: { maxMissing: 1 } }, flags: [{ id: 'high', item: 'q2', atLeast: 0, ifUnanswered: 'unknown' }] },
  };
  it('does not widen the range that reverse scoring uses, raises no flag, and is prorated', () => {
    // q1 = 1 reversed on 1-3 counts 3 (it would count 2 if the n/a value 0 were part of the range).
    expect(scoreResponse(demo, { q1: 1, q2: 1, q3: 1 }).total).toBe(5);
    const result = scoreResponse(demo, { q1: 1, q2: 0, q3: 1 });
    expect(result).toMatchObject({ valid: true, total: 6, prorated: true, missing: ['q2'], flags: ['unknown'] });
  });
});

describe('answer validation', () => {
  it('reports unknown items, values out of range and wrong types, and gives no score', () => {
    const result = scoreResponse(phq9, { ...fill(ids('q', 9), 0), q10: 1, q1: 4, q2: 'often', q3: 1.5 });
    expect(result.valid).toBe(false);
    expect(result.total).toBeNull();
    expect(result.errors.map((e) => [e.item, e.code])).toEqual([
      ['q10', 'unknown_item'],
      ['q1', 'value_not_allowed'],
      ['q2', 'wrong_type'],
      ['q3', 'wrong_type'],
    ]);
  });
  it('is deterministic and does not change its input', () => {
    const answers = Object.freeze(fill(ids('q', 9), 1));
    expect(scoreResponse(phq9, answers)).toEqual(scoreResponse(phq9, answers));
  });
  it('answersFromList maps positions to ids; empty means unanswered', () => {
    const { answers, extra } = answersFromList(instrument('phq2'), ['1', '', '3']);
    expect(answers).toEqual({ q1: 1, q2: null });
    expect(extra).toEqual(['3']);
  });
});

describe('the evaluation form', () => {
  const evaluation = instrument('evaluation');
  it('accepts a complete answer and gives no total', () => {
    const result = scoreResponse(evaluation, { completed: 2, 'not-completed-reason': 3, 'not-completed-other': 'Lite tid', change: 2, 'change-why': 'Øvelsene hjalp' });
    expect(result).toMatchObject({ valid: true, total: null, band: null, flags: [] });
  });
  it('lets optional items be blank but requires the others', () => {
    expect(scoreResponse(evaluation, { completed: 1, change: 1 }).valid).toBe(true);
    const result = scoreResponse(evaluation, { completed: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ item: 'change', code: 'required_missing' })]);
  });
  it('rejects text in a choice item, numbers in a text item and values outside the choices', () => {
    const result = scoreResponse(evaluation, { completed: 'ja', change: 6, 'change-why': 3 });
    expect(result.errors.map((e) => e.code)).toEqual(['wrong_type', 'value_not_allowed', 'wrong_type']);
  });
});
