/**
 * Outcome classification for a pre/post pair of PHQ-9 and GAD-7 totals under the
 * NHS Talking Therapies rules (caseness, reliable improvement and deterioration,
 * recovery, reliable recovery), with every threshold read from the instrument
 * definitions. Also the Jacobson-Truax reliable change index.
 */
import type { Instrument } from '../../schemas/types.ts';

/** Totals per instrument id at one time point, e.g. { phq9: 16, gad7: 12 }. */
export type OutcomeScores = Readonly<Record<string, number>>;

export type OutcomeClass = 'reliable_recovery' | 'recovery' | 'reliable_improvement' | 'no_reliable_change' | 'reliable_deterioration';

export interface OutcomeResult {
  casenessPre: boolean;
  casenessPost: boolean;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  /** null when not a case at the start. */
  recovery: boolean | null;
  /** null when not a case at the start. */
  reliableRecovery: boolean | null;
  classification: OutcomeClass;
}

export interface OutcomeError {
  code: 'instrument_unknown' | 'rules_missing' | 'score_missing';
  message: string;
}

export interface MeasureRules {
  id: string;
  caseness: number;
  threshold: number;
}

/** The measures of the pair and their thresholds from the instrument definitions; errors as data. */
export function outcomeRules(instruments: ReadonlyMap<string, Instrument>, ids: readonly string[] = ['phq9', 'gad7']): { rules: MeasureRules[]; errors: OutcomeError[] } {
  const rules: MeasureRules[] = [];
  const errors: OutcomeError[] = [];
  for (const id of ids) {
    const total = instruments.get(id)?.scoring?.total;
    if (!instruments.has(id)) errors.push({ code: 'instrument_unknown', message: `Unknown instrument '${id}', expected one of: ${[...instruments.keys()].join(', ')}` });
    else if (!total?.caseness || !total.reliableChange) errors.push({ code: 'rules_missing', message: `Missing caseness or reliableChange in the scoring of '${id}', expected both for outcome classification` });
    else rules.push({ id, caseness: total.caseness.atLeast, threshold: total.reliableChange.threshold });
  }
  return { rules, errors };
}

/**
 * Classifies the change from `pre` to `post`. A person is a case when any measure
 * is at or above its caseness cut-off. Reliable improvement: a drop of at least the
 * threshold on some measure and no reliable rise on any. Reliable deterioration: a
 * rise of at least the threshold on some measure and no reliable drop on any.
 * Recovery: a case at the start and not at the end. Reliable recovery: recovery
 * with reliable improvement.
 *
 * @example
 *   const { rules } = outcomeRules(instruments);
 *   classifyOutcome({ phq9: 16, gad7: 12 }, { phq9: 8, gad7: 6 }, rules);
 *   // { casenessPre: true, casenessPost: false, reliableImprovement: true, ..., classification: 'reliable_recovery' }
 */
export function classifyOutcome(pre: OutcomeScores, post: OutcomeScores, rules: readonly MeasureRules[]): { result?: OutcomeResult; errors: OutcomeError[] } {
  const errors: OutcomeError[] = [];
  for (const rule of rules) {
    for (const [when, scores] of [['pre', pre], ['post', post]] as const) {
      if (typeof scores[rule.id] !== 'number') errors.push({ code: 'score_missing', message: `Missing ${when} score for '${rule.id}'` });
    }
  }
  if (errors.length || rules.length === 0) return { errors };
  const at = (scores: OutcomeScores, rule: MeasureRules) => scores[rule.id] as number;
  const casenessPre = rules.some((r) => at(pre, r) >= r.caseness);
  const casenessPost = rules.some((r) => at(post, r) >= r.caseness);
  const drops = rules.some((r) => at(pre, r) - at(post, r) >= r.threshold);
  const rises = rules.some((r) => at(post, r) - at(pre, r) >= r.threshold);
  const reliableImprovement = drops && !rises;
  const reliableDeterioration = rises && !drops;
  const recovery = casenessPre ? !casenessPost : null;
  const reliableRecovery = casenessPre ? recovery === true && reliableImprovement : null;
  let classification: OutcomeClass = 'no_reliable_change';
  if (reliableDeterioration) classification = 'reliable_deterioration';
  else if (reliableRecovery) classification = 'reliable_recovery';
  else if (recovery) classification = 'recovery';
  else if (reliableImprovement) classification = 'reliable_improvement';
  return { result: { casenessPre, casenessPost, reliableImprovement, reliableDeterioration, recovery, reliableRecovery, classification }, errors };
}

/**
 * The Jacobson-Truax reliable change index (post - pre) / Sdiff, where
 * Sdiff = sqrt(2) * SD * sqrt(1 - reliability). |rci| > 1.96 is reliable (p < .05).
 * Null when the instrument declares no SD and reliability for its total.
 *
 * @example
 *   reliableChangeIndex(instrument, 60, 45); // { rci: -2.4, sdiff: 6.2, reliable: true }
 */
export function reliableChangeIndex(instrument: Instrument, pre: number, post: number): { rci: number; sdiff: number; reliable: boolean } | null {
  const rule = instrument.scoring?.total?.reliableChange;
  if (rule?.sd === undefined || rule.reliability === undefined) return null;
  const sdiff = Math.sqrt(2) * rule.sd * Math.sqrt(1 - rule.reliability);
  const rci = (post - pre) / sdiff;
  return { rci, sdiff, reliable: Math.abs(rci) > 1.96 };
}
