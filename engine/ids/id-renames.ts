/**
 * The manifest's rename map as a list of renames with every id resolved to the
 * current one (chains a -> b -> c become a -> c), in the order a store applies them:
 * parts, exercises, fields, options, items. And the pure transforms of stored values
 * that the server's store applies to entries and responses. Applying a rename twice
 * changes nothing the second time.
 */
import type { IdRename, ProgramManifest } from '../../schemas/types.ts';

type Renamed = NonNullable<ProgramManifest['renamed']>;

/** Follows `id` through `map` to its last name; undefined on a cycle. */
export function resolveRename(map: Readonly<Record<string, string>>, id: string): string | undefined {
  const seen = new Set<string>();
  let current = id;
  while (map[current] !== undefined) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    current = map[current] as string;
  }
  return current;
}

/** Field renames of one exercise keyed by the old field id, from `fields` keys <exercise>.<field>, with exercises resolved. */
function fieldMaps(renamed: Renamed): Map<string, Record<string, string>> {
  const exercises = renamed.exercises ?? {};
  const maps = new Map<string, Record<string, string>>();
  for (const [key, to] of Object.entries(renamed.fields ?? {})) {
    const [exercise = '', field = ''] = key.split('.');
    const current = resolveRename(exercises, exercise) ?? exercise;
    maps.set(current, { ...maps.get(current), [field]: to });
  }
  return maps;
}

/**
 * The renames of `renamed` (the manifest's map), each with current ids.
 *
 * @example
 *   idRenames({ sections: { kropp: kroppen }, fields: { 'logg.hva': 'what' } })
 *   // [{ kind: 'section', from: 'kropp', to: 'kroppen' }, { kind: 'field', exercise: 'logg', from: 'hva', to: 'what' }]
 */
export function idRenames(renamed: Renamed | undefined): IdRename[] {
  if (!renamed) return [];
  const out: IdRename[] = [];
  const simple = (kind: 'section' | 'exercise', map: Record<string, string> = {}) => {
    for (const from of Object.keys(map)) {
      const to = resolveRename(map, from);
      if (to !== undefined && to !== from) out.push({ kind, from, to });
    }
  };
  simple('section', renamed.sections);
  simple('exercise', renamed.exercises);
  const fields = fieldMaps(renamed);
  for (const [exercise, map] of fields) {
    for (const from of Object.keys(map)) {
      const to = resolveRename(map, from);
      if (to !== undefined && to !== from) out.push({ kind: 'field', exercise, from, to });
    }
  }
  const options = new Map<string, Record<string, string>>();
  for (const [key, to] of Object.entries(renamed.options ?? {})) {
    const [exercise = '', field = '', value = ''] = key.split('.');
    const currentExercise = resolveRename(renamed.exercises ?? {}, exercise) ?? exercise;
    const currentField = resolveRename(fields.get(currentExercise) ?? {}, field) ?? field;
    const where = `${currentExercise}.${currentField}`;
    options.set(where, { ...options.get(where), [value]: to });
  }
  for (const [where, map] of options) {
    const [exercise = '', field = ''] = where.split('.');
    for (const from of Object.keys(map)) {
      const to = resolveRename(map, from);
      if (to !== undefined && to !== from) out.push({ kind: 'option', exercise, field, from, to });
    }
  }
  const items = new Map<string, Record<string, string>>();
  for (const [key, to] of Object.entries(renamed.items ?? {})) {
    const [instrument = '', item = ''] = key.split('.');
    items.set(instrument, { ...items.get(instrument), [item]: to });
  }
  for (const [instrument, map] of items) {
    for (const from of Object.keys(map)) {
      const to = resolveRename(map, from);
      if (to !== undefined && to !== from) out.push({ kind: 'item', instrument, from, to });
    }
  }
  return out;
}

/**
 * An exercise entry's values with the field and option renames of `exerciseId`
 * applied. A key already present under its new name is left alone (never overwritten).
 *
 * @example
 *   renameEntryValues({ hva: 'Jobben', utfall: 'left' }, renames, 'logg') // { what: 'Jobben', utfall: 'escaped' }
 */
export function renameEntryValues(values: Readonly<Record<string, unknown>>, renames: readonly IdRename[], exerciseId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const r of renames) {
    if (r.kind !== 'field' || r.exercise !== exerciseId) continue;
    if (r.from in out && !(r.to in out)) {
      out[r.to] = out[r.from];
      delete out[r.from];
    }
  }
  for (const r of renames) {
    if (r.kind !== 'option' || r.exercise !== exerciseId || !r.field) continue;
    const value = out[r.field];
    if (value === r.from) out[r.field] = r.to;
    else if (Array.isArray(value) && value.includes(r.from)) out[r.field] = [...new Set(value.map((v) => (v === r.from ? r.to : v)))];
  }
  return out;
}

/** Questionnaire answers (or check-in ratings, instrument 'checkin') with the item renames of `instrumentId` applied. */
export function renameAnswers(answers: Readonly<Record<string, unknown>>, renames: readonly IdRename[], instrumentId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...answers };
  for (const r of renames) {
    if (r.kind !== 'item' || r.instrument !== instrumentId) continue;
    if (r.from in out && !(r.to in out)) {
      out[r.to] = out[r.from];
      delete out[r.from];
    }
  }
  return out;
}
