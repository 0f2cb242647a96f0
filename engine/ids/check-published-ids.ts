/**
 * Checks a program against its lock file (ids.lock.yaml): every id ever published is
 * still there, or mapped in the manifest (renamed: to a live id, or retired:); every
 * rename is sound (its old id is gone, its new id exists, no cycles); a major version
 * change says how people mid-program move. Reports on the lock file at the published
 * id, or on program.yaml at the map entry.
 */
import type { VFile } from 'vfile';
import type { IdsLock, ProgramManifest } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { placeOf, readYaml, validateYaml, type YamlSource } from '../compile/validate-yaml.ts';
import { resolveRename } from './id-renames.ts';

export interface PublishedIdsInput {
  lockFile: VFile;
  manifestFile: VFile;
  manifestYaml: YamlSource;
  manifest: ProgramManifest;
  /** The ids of the program as it is now (idsOf). */
  current: IdsLock;
}

const major = (version: string) => version.split('.')[0] ?? version;

/** Reads the lock file; undefined (with a message) when it cannot be used. */
export function readLock(file: VFile, programId: string): { lock: IdsLock; source: YamlSource } | undefined {
  const source = readYaml(file, String(file.value));
  if (!validateYaml(file, source, 'ids-lock.schema.json', 'ids-lock-invalid', 'ids.lock.yaml')) return undefined;
  const lock = source.data as IdsLock;
  if (lock.program !== programId) {
    report(file, 'error', 'ids-lock-invalid', `Unexpected program '${lock.program}' in ids.lock.yaml, expected '${programId}' (a lock file belongs to its own program's folder)`, placeOf(source, ['program']));
    return undefined;
  }
  return { lock, source };
}

/** Reports every published id that is lost, every unsound rename, and a major version change without a statement. */
export function checkPublishedIds(input: PublishedIdsInput): void {
  const read = readLock(input.lockFile, input.manifest.id);
  if (!read) return;
  const { lock, source: lockYaml } = read;
  const { manifest, manifestFile, manifestYaml, current } = input;
  const renamed = manifest.renamed ?? {};
  const retired = manifest.retired ?? [];
  const isRetired = (kind: string, ...ids: string[]) => retired.some((r) => r.kind === kind && ids.includes(r.id));
  const exerciseMap = renamed.exercises ?? {};
  // An id still in the program is itself (a rename of it is reported as invalid).
  const currentExercise = (id: string) => (current.exercises[id] ? id : resolveRename(exerciseMap, id) ?? id);
  const fieldMap = (exercise: string) => {
    const map: Record<string, string> = {};
    for (const [key, to] of Object.entries(renamed.fields ?? {})) {
      const [e = '', f = ''] = key.split('.');
      if (currentExercise(e) === exercise) map[f] = to;
    }
    return map;
  };
  const currentField = (exercise: string, id: string) => ((current.exercises[exercise] ?? []).includes(id) ? id : resolveRename(fieldMap(exercise), id) ?? id);
  const liveFields = (exercise: string) => current.exercises[exercise] ?? [];
  const liveOptions = (exercise: string, field: string) => current.options?.[`${exercise}.${field}`] ?? [];
  const liveItems = (instrument: string) => current.items?.[instrument] ?? [];

  const invalid = (kind: string, key: string, reason: string) =>
    report(manifestFile, 'error', 'id-rename-invalid', reason, placeOf(manifestYaml, ['renamed', kind, key], true));
  const removed = (what: string, path: (string | number)[], how: string) =>
    report(input.lockFile, 'error', 'id-removed', `Published ${what} is gone, expected it in the program, or mapped in program.yaml: ${how} (stored answers are keyed by it)`, placeOf(lockYaml, path));

  // The maps themselves.
  const checkMap = (kind: 'sections' | 'exercises', live: readonly string[], name: string) => {
    const map = renamed[kind] ?? {};
    for (const [from, to] of Object.entries(map)) {
      const last = resolveRename(map, from);
      if (last === undefined) invalid(kind, from, `Unexpected cycle of renames through ${name} '${from}', expected each rename to lead to a current ${name} id`);
      else if (live.includes(from)) invalid(kind, from, `Unexpected rename of ${name} '${from}' while it is still in the program, expected the old id gone (an old id can never be used again)`);
      else if (!live.includes(last)) invalid(kind, from, `Unexpected rename of ${name} '${from}' to '${to}'${last !== to ? ` (and on to '${last}')` : ''}, expected a ${name} id of the program`);
    }
  };
  checkMap('sections', current.sections, 'part');
  checkMap('exercises', Object.keys(current.exercises), 'exercise');
  for (const key of Object.keys(renamed.fields ?? {})) {
    const [e = '', f = ''] = key.split('.');
    const exercise = currentExercise(e);
    const last = resolveRename(fieldMap(exercise), f);
    if (!current.exercises[exercise]) invalid('fields', key, `Unexpected field rename in exercise '${e}', expected an exercise of the program (or its old id)`);
    else if (last === undefined) invalid('fields', key, `Unexpected cycle of renames through field '${key}', expected each rename to lead to a current field`);
    else if (liveFields(exercise).includes(f)) invalid('fields', key, `Unexpected rename of field '${f}' while exercise '${exercise}' still has it, expected the old id gone`);
    else if (!liveFields(exercise).includes(last)) invalid('fields', key, `Unexpected rename of field '${key}' to '${last}', expected a field of exercise '${exercise}': ${liveFields(exercise).join(', ')}`);
  }
  for (const key of Object.keys(renamed.options ?? {})) {
    const [e = '', f = '', v = ''] = key.split('.');
    const exercise = currentExercise(e);
    const field = currentField(exercise, f);
    const values = liveOptions(exercise, field);
    const map: Record<string, string> = {};
    for (const [k, to] of Object.entries(renamed.options ?? {})) {
      const [e2 = '', f2 = '', v2 = ''] = k.split('.');
      if (currentExercise(e2) === exercise && currentField(exercise, f2) === field) map[v2] = to;
    }
    const last = resolveRename(map, v);
    if (!values.length) invalid('options', key, `Unexpected option rename of '${e}.${f}', expected a choice field of the program (as <exercise>.<field>.<value>)`);
    else if (last === undefined) invalid('options', key, `Unexpected cycle of renames through option '${key}', expected each rename to lead to a current option`);
    else if (values.includes(v)) invalid('options', key, `Unexpected rename of option '${v}' while field '${exercise}.${field}' still has it, expected the old value gone`);
    else if (!values.includes(last)) invalid('options', key, `Unexpected rename of option '${key}' to '${last}', expected one of: ${values.join(', ')}`);
  }
  for (const key of Object.keys(renamed.items ?? {})) {
    const [instrument = '', item = ''] = key.split('.');
    const items = liveItems(instrument);
    const map: Record<string, string> = {};
    for (const [k, to] of Object.entries(renamed.items ?? {})) if (k.startsWith(`${instrument}.`)) map[k.slice(instrument.length + 1)] = to;
    const last = resolveRename(map, item);
    if (!items.length) invalid('items', key, `Unexpected item rename in '${instrument}', expected a questionnaire the program uses (or checkin)`);
    else if (last === undefined) invalid('items', key, `Unexpected cycle of renames through item '${key}', expected each rename to lead to a current item`);
    else if (items.includes(item)) invalid('items', key, `Unexpected rename of item '${item}' while '${instrument}' still has it, expected the old id gone`);
    else if (!items.includes(last)) invalid('items', key, `Unexpected rename of item '${key}' to '${last}', expected one of: ${items.join(', ')}`);
  }
  retired.forEach((r, i) => {
    const [a = '', b = '', c = ''] = r.id.split('.');
    const live =
      r.kind === 'section' ? current.sections.includes(r.id)
      : r.kind === 'exercise' ? Boolean(current.exercises[r.id])
      : r.kind === 'field' ? liveFields(currentExercise(a)).includes(b)
      : r.kind === 'option' ? liveOptions(currentExercise(a), currentField(currentExercise(a), b)).includes(c)
      : liveItems(a).includes(b);
    if (live) report(manifestFile, 'error', 'id-rename-invalid', `Unexpected retired ${r.kind} '${r.id}' that is still in the program, expected only ids that are gone`, placeOf(manifestYaml, ['retired', i]));
  });

  // Every published id.
  lock.sections.forEach((id, i) => {
    if (!current.sections.includes(id) && !(id in (renamed.sections ?? {})) && !isRetired('section', id)) {
      removed(`part '${id}'`, ['sections', i], `renamed: { sections: { ${id}: <new id> } } or retired: [{ kind: section, id: ${id}, answers: kept }]`);
    }
  });
  for (const [exerciseId, fields] of Object.entries(lock.exercises)) {
    if (isRetired('exercise', exerciseId)) continue;
    const exercise = currentExercise(exerciseId);
    if (!current.exercises[exercise]) {
      if (!(exerciseId in exerciseMap)) removed(`exercise '${exerciseId}'`, ['exercises', exerciseId], `renamed: { exercises: { ${exerciseId}: <new id> } } or retired: [{ kind: exercise, id: ${exerciseId}, answers: kept }]`);
      continue;
    }
    fields.forEach((field, i) => {
      const keys = [`${exerciseId}.${field}`, `${exercise}.${field}`];
      if (liveFields(exercise).includes(field) || keys.some((k) => k in (renamed.fields ?? {})) || isRetired('field', ...keys)) return;
      removed(`field '${field}' of exercise '${exerciseId}'`, ['exercises', exerciseId, i], `renamed: { fields: { ${exercise}.${field}: <new id> } } or retired: [{ kind: field, id: ${exercise}.${field}, answers: kept }]`);
    });
  }
  for (const [key, values] of Object.entries(lock.options ?? {})) {
    const [exerciseId = '', fieldId = ''] = key.split('.');
    const exercise = currentExercise(exerciseId);
    const field = currentField(exercise, fieldId);
    if (isRetired('exercise', exerciseId, exercise) || isRetired('field', `${exerciseId}.${fieldId}`, `${exercise}.${fieldId}`)) continue;
    if (!liveFields(exercise).includes(field)) continue; // reported as a lost field
    values.forEach((value, i) => {
      const keys = [`${exerciseId}.${fieldId}.${value}`, `${exercise}.${field}.${value}`];
      if (liveOptions(exercise, field).includes(value) || keys.some((k) => k in (renamed.options ?? {})) || isRetired('option', ...keys)) return;
      removed(`option '${value}' of field '${key}'`, ['options', key, i], `renamed: { options: { ${exercise}.${field}.${value}: <new value> } } or retired: [{ kind: option, id: ${exercise}.${field}.${value}, answers: kept }]`);
    });
  }
  for (const [instrument, items] of Object.entries(lock.items ?? {})) {
    // A questionnaire the program no longer uses keeps its stored responses under its own id.
    if (!current.items?.[instrument]) continue;
    items.forEach((item, i) => {
      const key = `${instrument}.${item}`;
      if (liveItems(instrument).includes(item) || key in (renamed.items ?? {}) || isRetired('item', key)) return;
      removed(`item '${item}' of '${instrument}'`, ['items', instrument, i], `renamed: { items: { ${key}: <new id> } } or retired: [{ kind: item, id: ${key}, answers: kept }]`);
    });
  }

  // A major version change says how people mid-program move.
  const was = major(lock.version);
  const now = major(manifest.version);
  if (was !== now && manifest.versionChange?.from !== was) {
    report(manifestFile, 'error', 'version-change-missing', `Missing versionChange for the move from version ${lock.version} to ${manifest.version}, expected versionChange: { from: "${was}", people: move } (or people: stay) in program.yaml`, placeOf(manifestYaml, [manifest.versionChange ? 'versionChange' : 'version'], !manifest.versionChange));
  }
}
