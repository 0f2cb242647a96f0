/** NHS Talking Therapies outcome classes for PHQ-9 + GAD-7, thresholds from the definitions, and the Jacobson-Truax index. */
import { describe, expect, it } from 'vitest';
import { classifyOutcome, outcomeRules, reliableChangeIndex } from '../../../engine/scoring/classify-outcome.ts';
import type { Instrument } from '../../../schemas/types.ts';
import { instrument } from './instruments.ts';

const instruments = new Map([['phq9', instrument('phq9')], ['gad7', instrument('gad7')]]);
const { rules } = outcomeRules(instruments);
const classify = (pre: [number, number], post: [number, number]) => classifyOutcome({ phq9: pre[0], gad7: pre[1] }, { phq9: post[0], gad7: post[1] }, rules).result!;

describe('outcome rules from the instrument definitions', () => {
  it('reads caseness and reliable change thresholds from the YAML', () => {
    expect(rules).toEqual([{ id: 'phq9', caseness: 10, threshold: 6 }, { id: 'gad7', caseness: 8, threshold: 4 }]);
  });
  it('reports an instrument without the rules as data', () => {
    const { errors } = outcomeRules(new Map([['phq9', instrument('phq9')], ['gad7', instrument('phq2')]]));
    expect(errors.map((e) => e.code)).toEqual(['rules_missing']);
    expect(outcomeRules(new Map(), ['phq9']).errors.map((e) => e.code)).toEqual(['instrument_unknown']);
  });
  it('reports a missing score as data', () => {
    expect(classifyOutcome({ phq9: 10 }, { phq9: 3, gad7: 1 }, rules).errors.map((e) => e.code)).toEqual(['score_missing']);
  });
});

describe('caseness', () => {
  it('PHQ-9 >= 10 or GAD-7 >= 8, both sides of each cut-off', () => {
    expect(classify([10, 0], [0, 0]).casenessPre).toBe(true);
    expect(classify([9, 7], [0, 0]).casenessPre).toBe(false);
    expect(classify([0, 8], [0, 0]).casenessPre).toBe(true);
    expect(classify([0, 0], [9, 7]).casenessPost).toBe(false);
    expect(classify([0, 0], [10, 7]).casenessPost).toBe(true);
    expect(classify([0, 0], [9, 8]).casenessPost).toBe(true);
  });
});

describe('outcome classes', () => {
  it('reliable recovery: case to non-case with a reliable drop', () => {
    expect(classify([16, 12], [8, 6])).toEqual({ casenessPre: true, casenessPost: false, reliableImprovement: true, reliableDeterioration: false, recovery: true, reliableRecovery: true, classification: 'reliable_recovery' });
  });
  it('recovery without reliable improvement', () => {
    // PHQ-9 drops 5 (< 6), GAD-7 drops 3 (< 4): no longer a case, but not reliably
    expect(classify([12, 9], [7, 6])).toMatchObject({ recovery: true, reliableImprovement: false, reliableRecovery: false, classification: 'recovery' });
  });
  it('reliable improvement at exactly the thresholds, still a case', () => {
    expect(classify([20, 10], [14, 10])).toMatchObject({ reliableImprovement: true, recovery: false, reliableRecovery: false, classification: 'reliable_improvement' });
    expect(classify([20, 15], [20, 11])).toMatchObject({ reliableImprovement: true, classification: 'reliable_improvement' });
    expect(classify([20, 15], [15, 12])).toMatchObject({ reliableImprovement: false, classification: 'no_reliable_change' });
  });
  it('no reliable improvement when the other measure reliably rises', () => {
    expect(classify([20, 5], [14, 9])).toMatchObject({ reliableImprovement: false, reliableDeterioration: false, classification: 'no_reliable_change' });
  });
  it('reliable deterioration: a rise at the threshold on one, no reliable drop on the other', () => {
    expect(classify([10, 8], [16, 8])).toMatchObject({ reliableDeterioration: true, classification: 'reliable_deterioration' });
    expect(classify([10, 8], [10, 12])).toMatchObject({ reliableDeterioration: true, classification: 'reliable_deterioration' });
    expect(classify([10, 8], [15, 11])).toMatchObject({ reliableDeterioration: false, classification: 'no_reliable_change' });
  });
  it('not a case at the start: recovery and reliable recovery are null', () => {
    expect(classify([6, 4], [2, 1])).toMatchObject({ casenessPre: false, recovery: null, reliableRecovery: null, classification: 'no_reliable_change' });
    expect(classify([9, 7], [2, 1])).toMatchObject({ casenessPre: false, reliableImprovement: true, recovery: null, classification: 'reliable_improvement' });
    expect(classify([3, 2], [10, 3])).toMatchObject({ casenessPre: false, casenessPost: true, recovery: null, classification: 'reliable_deterioration' });
  });
});

describe('Jacobson-Truax reliable change index', () => {
  const withSd = (sd?: number, reliability?: number): Instrument => ({
    ...instrument('pswq'),
    scoring: { total: { reliableChange: { threshold: 7, ...(sd ? { sd, reliability } : {}) } } },
  });
  it('computes (post - pre) / (sqrt 2 x SD x sqrt(1 - r))', () => {
    const result = reliableChangeIndex(withSd(10, 0.92), 60, 50)!;
    expect(result.sdiff).toBeCloseTo(4, 6);
    expect(result.rci).toBeCloseTo(-2.5, 6);
    expect(result.reliable).toBe(true);
    expect(reliableChangeIndex(withSd(10, 0.92), 60, 53)!.reliable).toBe(false);
  });
  it('is null without SD and reliability', () => {
    expect(reliableChangeIndex(withSd(), 60, 40)).toBeNull();
  });
});
