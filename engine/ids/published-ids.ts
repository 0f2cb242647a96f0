/**
 * The ids a program publishes (parts, exercises, fields, choice option values, the
 * items of the questionnaires and check-in it uses) as the lock file records them,
 * and the lock file's text. Pure.
 */
import type { CompiledSection, IdsLock, Instrument } from '../../schemas/types.ts';

/** The ids of a compiled program's structure (the source edition: every edition has the same). */
export function idsOf(program: { id: string; version: string; sections: readonly CompiledSection[]; instruments: Readonly<Record<string, Instrument>> }): IdsLock {
  const exercises: Record<string, string[]> = {};
  const options: Record<string, string[]> = {};
  for (const section of program.sections) {
    for (const block of section.blocks) {
      if (block.type !== 'exercise') continue;
      exercises[block.id] = block.fields.map((f) => f.id);
      for (const field of block.fields) if (field.options) options[`${block.id}.${field.id}`] = field.options.map((o) => o.value);
    }
  }
  const items: Record<string, string[]> = {};
  for (const id of Object.keys(program.instruments).sort()) items[id] = (program.instruments[id] as Instrument).items.map((i) => i.id);
  return { program: program.id, version: program.version, sections: program.sections.map((s) => s.id), exercises, options, items };
}

const union = (a: readonly string[] = [], b: readonly string[] = []) => [...a, ...b.filter((x) => !a.includes(x))];

function mergeMaps(a: Record<string, string[]> = {}, b: Record<string, string[]> = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of union(Object.keys(a), Object.keys(b))) out[key] = union(a[key], b[key]);
  return out;
}

/**
 * The lock after a build: every id ever published stays (ids are only added), so a
 * later removal is caught even after a version that mapped it. The version is the
 * current one.
 *
 * @example
 *   mergeLocks(previous, idsOf(program)) // previous ids first, then new ones
 */
export function mergeLocks(previous: IdsLock | undefined, current: IdsLock): IdsLock {
  if (!previous) return current;
  return {
    program: current.program,
    version: current.version,
    sections: union(previous.sections, current.sections),
    exercises: mergeMaps(previous.exercises, current.exercises),
    options: mergeMaps(previous.options, current.options),
    items: mergeMaps(previous.items, current.items),
  };
}

const plain = /^[a-z][a-z0-9.-]*$/;
const scalar = (value: string) => (plain.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/.test(value) ? value : JSON.stringify(value));
const list = (values: readonly string[]) => `[${values.map(scalar).join(', ')}]`;

/** The lock file's text: stable, one line per exercise, field and questionnaire, so diffs are readable. */
export function lockYaml(lock: IdsLock): string {
  const map = (name: string, entries: Record<string, string[]> | undefined) => {
    const keys = Object.keys(entries ?? {});
    if (!keys.length) return [`${name}: {}`];
    return [`${name}:`, ...keys.map((key) => `  ${scalar(key)}: ${list(entries?.[key] ?? [])}`)];
  };
  return [
    '# yaml-language-server: $schema=../../schemas/ids-lock.schema.json',
    '# Written by `mestring build`: every id this program has published (ids are only added). Commit it.',
    '# Removing or renaming one of these ids is an error unless program.yaml maps it under renamed: or',
    '# retired: (see docs/authoring.md). Do not edit by hand.',
    `program: ${scalar(lock.program)}`,
    `version: ${JSON.stringify(lock.version)}`,
    `sections: ${list(lock.sections)}`,
    ...map('exercises', lock.exercises),
    ...map('options', lock.options),
    ...map('items', lock.items),
    '',
  ].join('\n');
}
