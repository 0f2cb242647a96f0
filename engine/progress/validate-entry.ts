/**
 * Validates an exercise entry's values against the exercise's compiled fields: the
 * one rule set the server applies and clients may reuse. Errors are data with stable
 * codes, one per field.
 */
import type { CompiledExercise, CompiledField } from '../../schemas/types.ts';
import { impossibleNight, isNight } from '../exercises/sleep-diary.ts';

export type EntryErrorCode = 'required' | 'unknown_field' | 'wrong_type' | 'too_long' | 'out_of_range' | 'not_an_option' | 'bad_format' | 'impossible';

export interface EntryError {
  field: string;
  code: EntryErrorCode;
  message: string;
}

export type EntryValue = string | number | boolean | string[] | null;

const maxText = { text: 500, longtext: 10_000 } as const;
const time = /^([01]\d|2[0-3]):[0-5]\d$/;
const date = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every problem with `values` for `exercise`; an empty list means valid.
 *
 * @example
 *   validateEntry(exercise, { situation: 'På bussen', intensity: 11 })
 *   // [{ field: 'intensity', code: 'out_of_range', message: 'Expected a whole number from 0 to 10' }]
 */
export function validateEntry(exercise: CompiledExercise, values: Record<string, unknown>): EntryError[] {
  const errors: EntryError[] = [];
  const known = new Set(exercise.fields.map((f) => f.id));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push({ field: key, code: 'unknown_field', message: `Unknown field '${key}', expected one of: ${[...known].join(', ')}` });
  }
  for (const field of exercise.fields) {
    const value = values[field.id];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (field.required) errors.push({ field: field.id, code: 'required', message: 'This field is required' });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) errors.push({ field: field.id, ...problem });
  }
  // A sleep diary night whose times cannot all be true (its fields are each valid).
  if (exercise.kind === 'sleep-diary' && errors.length === 0 && isNight(values)) {
    for (const problem of impossibleNight(values)) errors.push({ field: problem.field, code: 'impossible', message: problem.message });
  }
  return errors;
}

function checkValue(field: CompiledField, value: unknown): Omit<EntryError, 'field'> | undefined {
  const wrong = (expected: string) => ({ code: 'wrong_type' as const, message: `Expected ${expected}` });
  switch (field.type) {
    case 'text':
    case 'longtext':
      if (typeof value !== 'string') return wrong('text');
      if (value.length > maxText[field.type]) return { code: 'too_long', message: `Expected at most ${maxText[field.type]} characters` };
      return undefined;
    case 'number':
    case 'scale':
    case 'duration': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong('a number');
      const min = field.min ?? (field.type === 'duration' ? 0 : -Infinity);
      const max = field.max ?? Infinity;
      if (value < min || value > max) return { code: 'out_of_range', message: `Expected a number from ${min} to ${max}` };
      if (field.type === 'scale' && (!Number.isInteger((value - min) / (field.step ?? 1)))) {
        return { code: 'out_of_range', message: `Expected a step of ${field.step ?? 1} from ${min} to ${max}` };
      }
      return undefined;
    }
    case 'choice':
      if (typeof value !== 'string') return wrong('one option value');
      if (!field.options?.some((o) => o.value === value)) return { code: 'not_an_option', message: `Unexpected '${value}', expected one of: ${field.options?.map((o) => o.value).join(', ')}` };
      return undefined;
    case 'multichoice':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return wrong('a list of option values');
      for (const v of value as string[]) {
        if (!field.options?.some((o) => o.value === v)) return { code: 'not_an_option', message: `Unexpected '${v}', expected any of: ${field.options?.map((o) => o.value).join(', ')}` };
      }
      if (new Set(value).size !== value.length) return { code: 'bad_format', message: 'Expected each option once' };
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrong('true or false');
    case 'time':
      return typeof value === 'string' && time.test(value) ? undefined : { code: 'bad_format', message: 'Expected a time as HH:MM, e.g. 22:30' };
    case 'date': {
      if (typeof value !== 'string' || !date.test(value)) return { code: 'bad_format', message: 'Expected a date as YYYY-MM-DD' };
      const parsed = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? undefined : { code: 'bad_format', message: 'Expected a real calendar date' };
    }
  }
}
