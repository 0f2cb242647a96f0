/**
 * Scores one set of answers to one instrument under its scoring rules (schemas/
 * instrument.schema.json#/$defs/scoring). Pure and deterministic: the same
 * instrument and answers always give the same ScoreResult.
 */
import type { AnswerError, Instrument, InstrumentItem, ScaleRules, ScoreResult, SubscaleScore } from '../../schemas/types.ts';
import { allowedValues, isNotApplicable, itemRange, scaleItems } from './item-values.ts';

/** One answer per item id; null, undefined or absent means unanswered. Strings only for text items. */
export type Answers = Readonly<Record<string, number | string | null | undefined>>;

function isUnanswered(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

function validate(instrument: Instrument, answers: Answers): AnswerError[] {
  const errors: AnswerError[] = [];
  const known = new Set(instrument.items.map((item) => item.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) errors.push({ item: id, code: 'unknown_item', message: `Unknown item '${id}', expected one of: ${[...known].join(', ')}` });
  }
  for (const item of instrument.items) {
    const value = answers[item.id];
    const type = item.type ?? 'choice';
    if (isUnanswered(value)) {
      if (instrument.kind === 'form' && !item.optional) errors.push({ item: item.id, code: 'required_missing', message: `Missing answer to item '${item.id}', expected an answer` });
      continue;
    }
    if (type === 'text') {
      if (typeof value !== 'string') errors.push({ item: item.id, code: 'wrong_type', message: `Unexpected ${typeof value} for text item '${item.id}', expected text` });
      continue;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      errors.push({ item: item.id, code: 'wrong_type', message: `Unexpected ${JSON.stringify(value)} for item '${item.id}', expected an integer` });
      continue;
    }
    const allowed = allowedValues(instrument, item);
    if (!allowed.includes(value)) {
      errors.push({ item: item.id, code: 'value_not_allowed', message: `Unexpected value ${value} for item '${item.id}', expected one of: ${allowed.join(', ')}` });
    }
  }
  return errors;
}

/** The counted value of an answered item, reversed when the rules say so. */
function itemScore(instrument: Instrument, item: InstrumentItem, value: number): number {
  if (!instrument.scoring?.reverse?.includes(item.id)) return value;
  const { min, max } = itemRange(instrument, item);
  return min + max - value;
}

/** Round half up (2.5 -> 3), the usual rule for prorated questionnaire totals. */
function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5 + 1e-9);
}

interface ScaleScore extends SubscaleScore {
  prorated: boolean;
}

function scoreScale(instrument: Instrument, scale: ScaleRules, answers: Answers): ScaleScore {
  const items = scaleItems(instrument, scale);
  let sum = 0;
  let answered = 0;
  for (const item of items) {
    const value = answers[item.id];
    if (typeof value !== 'number') continue;
    sum += itemScore(instrument, item, value);
    answered++;
  }
  const missing = items.length - answered;
  const allowedMissing = scale.proration?.maxMissing ?? 0;
  if (answered === 0 || missing > allowedMissing) return { total: null, band: null, prorated: false };
  const raw = missing ? roundHalfUp((sum * items.length) / answered) : sum;
  const total = raw * (scale.multiplier ?? 1);
  const band = scale.bands?.find((b) => total >= b.min && total <= b.max)?.id ?? null;
  return { total, band, prorated: missing > 0 };
}

/** True, false, or null (unknown because a deciding item is unanswered). */
function criterionHolds(answers: Answers, items: readonly string[], atLeast: number, count: number): boolean | null {
  let met = 0;
  let unknown = 0;
  for (const id of items) {
    const value = answers[id];
    if (typeof value !== 'number') unknown++;
    else if (value >= atLeast) met++;
  }
  if (met >= count) return true;
  if (met + unknown < count) return false;
  return null;
}

function classify(instrument: Instrument, answers: Answers): string | null {
  const rules = instrument.scoring?.classification;
  if (!rules) return null;
  for (const rule of rules.classes) {
    const results = rule.when.map((c) => criterionHolds(answers, c.items, c.atLeast, c.count ?? 1));
    if (results.every((r) => r === true)) return rule.id;
    // An undecided condition on a class that is not ruled out leaves the whole result unknown.
    if (!results.includes(false)) return null;
  }
  return rules.otherwise.id;
}

function raisedFlags(instrument: Instrument, answers: Answers): string[] {
  const flags: string[] = [];
  for (const rule of instrument.scoring?.flags ?? []) {
    const value = answers[rule.item];
    if (typeof value !== 'number') {
      if (rule.ifUnanswered && !flags.includes(rule.ifUnanswered)) flags.push(rule.ifUnanswered);
    } else if (value >= rule.atLeast && !flags.includes(rule.id)) {
      flags.push(rule.id);
    }
  }
  return flags;
}

/** The answers as scoring sees them: a not-applicable answer counts as unanswered (missing). */
function scoredAnswers(instrument: Instrument, answers: Answers): Answers {
  const scored: Record<string, number | string | null | undefined> = { ...answers };
  for (const item of instrument.items) if (isNotApplicable(instrument, item, answers[item.id])) scored[item.id] = null;
  return scored;
}

/**
 * Validates `answers` against `instrument` and scores them.
 *
 * Unanswered items are not errors in a scored instrument: they count as missing,
 * and the total is prorated when the rules allow it (null otherwise). An answer
 * that says the item does not apply (an option with notApplicable) is valid and
 * counts as missing in the same way. Invalid
 * answers give `valid: false`, the errors, and no scores, but flags are still
 * raised from the valid answers so that a risk answer is never lost.
 *
 * @example
 *   const result = scoreResponse(phq9, { q1: 2, q2: 1, q3: 0, q4: 3, q5: 1, q6: 0, q7: 2, q8: 0, q9: 1 });
 *   result.total; // 10
 *   result.band; // 'moderate'
 *   result.flags; // ['risk']
 */
export function scoreResponse(instrument: Instrument, answers: Answers): ScoreResult {
  const errors = validate(instrument, answers);
  const scored = instrument.kind === 'scored' ? scoredAnswers(instrument, answers) : answers;
  const missing = instrument.items.filter((item) => isUnanswered(scored[item.id])).map((item) => item.id);
  const result: ScoreResult = {
    instrument: instrument.id,
    valid: errors.length === 0,
    errors,
    total: null,
    band: null,
    subscales: {},
    flags: [],
    prorated: false,
    answered: instrument.items.length - missing.length,
    missing,
  };
  if (instrument.kind === 'form' || !instrument.scoring) return result;
  const validAnswers: Record<string, number | string | null | undefined> = { ...scored };
  for (const error of errors) if (error.item in validAnswers) validAnswers[error.item] = null;
  result.flags = raisedFlags(instrument, validAnswers);
  if (!result.valid) return result;

  const scoring = instrument.scoring;
  if (scoring.total) {
    const total = scoreScale(instrument, scoring.total, scored);
    result.total = total.total;
    result.band = total.band;
    result.prorated ||= total.prorated;
  }
  for (const subscale of scoring.subscales ?? []) {
    const score = scoreScale(instrument, subscale, scored);
    result.subscales[subscale.id] = { total: score.total, band: score.band };
    result.prorated ||= score.prorated;
  }
  if (scoring.classification) result.band = classify(instrument, scored);
  return result;
}

/**
 * The unanswered items of a valid response that leave a scored instrument without a
 * usable score: a total or subscale that the published proration rules cannot fill.
 * Empty when the score is usable (also when items are missing but prorated).
 *
 * @example
 *   missingForScore(phq9, scoreResponse(phq9, {})) // ['q1', ..., 'q9']
 */
export function missingForScore(instrument: Instrument, result: ScoreResult): string[] {
  if (instrument.kind === 'form' || !instrument.scoring || !result.valid) return [];
  const unusable = (instrument.scoring.total !== undefined && result.total === null) || Object.values(result.subscales).some((s) => s.total === null);
  return unusable ? result.missing : [];
}

/**
 * Maps a positional list of answers to item ids (first value to the first item).
 * Empty strings, null and undefined mean unanswered; numeric strings become numbers
 * except for text items. Extra values are returned under `extra` for the caller to report.
 *
 * @example
 *   answersFromList(phq2, ['1', '', '3']); // { answers: { q1: 1, q2: null }, extra: ['3'] }
 */
export function answersFromList(instrument: Instrument, list: readonly (string | number | null | undefined)[]): { answers: Record<string, number | string | null>; extra: (string | number | null | undefined)[] } {
  const answers: Record<string, number | string | null> = {};
  instrument.items.forEach((item, i) => {
    const value = list[i];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      answers[item.id] = null;
    } else if (typeof value === 'number' || item.type === 'text') {
      answers[item.id] = value;
    } else {
      const trimmed = value.trim();
      answers[item.id] = /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
    }
  });
  return { answers, extra: list.slice(instrument.items.length) };
}
