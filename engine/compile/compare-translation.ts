/**
 * Compares a translated part with its source part: the same exercises, fields,
 * options, notes and questionnaires, in the same order, with the same structure
 * (kinds, required, types, min/max, minEntries). Reports every difference on the
 * translation's file, at the place of the difference (or where the missing thing
 * belongs). Pure: compiled blocks and outlines in, messages out.
 */
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import type { Block, CompiledExercise, CompiledField, QuestionnaireBlock } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import type { OutlineItem } from './compile-section.ts';

/** A compiled part body and its outline. */
export interface PartBody {
  blocks: Block[];
  outline: OutlineItem[];
}

const exercisesOf = (blocks: Block[]) => blocks.filter((b): b is CompiledExercise => b.type === 'exercise');
const questionnairesOf = (blocks: Block[]) => blocks.filter((b): b is QuestionnaireBlock => b.type === 'questionnaire');

const attributeText = (value: unknown) => (value === undefined ? 'none' : typeof value === 'string' ? value : JSON.stringify(value));

/** Compares `translation` with `source`; `end` is the last point of the translated file (where missing things at the end belong). */
export function compareTranslation(file: VFile, locale: string, source: PartBody, translation: PartBody, end: Point): void {
  const placeOf = (match: (item: OutlineItem) => boolean): Position | undefined => translation.outline.find(match)?.position;
  const missing = (what: string, expected: string, place: Position | Point | undefined) =>
    report(file, 'error', 'translation-missing', `Missing ${what} in the ${locale} translation, expected ${expected} as in the source`, place ?? end);
  const extra = (what: string, place: Position | undefined) =>
    report(file, 'error', 'translation-extra', `Unexpected ${what}, expected only what the source part has`, place);
  const structure = (what: string, expected: string, place: Position | undefined) =>
    report(file, 'error', 'translation-structure', `Unexpected ${what}, expected ${expected} as in the source (structure comes from the source)`, place);

  // Exercises, in order.
  const sourceExercises = exercisesOf(source.blocks);
  const translated = new Map(exercisesOf(translation.blocks).map((e) => [e.id, e]));
  const exercisePlace = (id: string) => placeOf((i) => i.type === 'exercise' && i.id === id);
  sourceExercises.forEach((exercise, index) => {
    if (translated.has(exercise.id)) return;
    // Where it belongs: before the next source exercise the translation has.
    const next = sourceExercises.slice(index + 1).find((e) => translated.has(e.id));
    missing(`exercise '${exercise.id}'`, `:::exercise[...]{#${exercise.id} kind=${exercise.kind}${exercise.required ? ' required' : ''}}`, next ? exercisePlace(next.id)?.start : undefined);
  });
  const sourceIds = new Set(sourceExercises.map((e) => e.id));
  for (const exercise of translated.values()) if (!sourceIds.has(exercise.id)) extra(`exercise '${exercise.id}'`, exercisePlace(exercise.id));
  const common = sourceExercises.filter((e) => translated.has(e.id)).map((e) => e.id);
  const order = [...translated.keys()].filter((id) => sourceIds.has(id));
  const moved = order.findIndex((id, i) => id !== common[i]);
  if (moved !== -1) structure(`order of exercises ('${order[moved]}' here)`, `the order ${common.join(', ')}`, exercisePlace(order[moved] as string));

  for (const exercise of sourceExercises) {
    const other = translated.get(exercise.id);
    if (!other) continue;
    const place = exercisePlace(exercise.id);
    for (const key of ['kind', 'required', 'repeatable', 'minEntries'] as const) {
      if (exercise[key] !== other[key]) structure(`${key}=${attributeText(other[key])} on exercise '${exercise.id}'`, `${key}=${attributeText(exercise[key])}`, place);
    }
    compareFields(exercise, other, place, (id) => placeOf((i) => i.type === 'field' && i.exercise === exercise.id && i.id === id), { missing, extra, structure });
  }

  // Notes, per container: the top level ('') and each exercise.
  const containers = new Set(source.outline.filter((i) => i.type === 'note').map((i) => (i.type === 'note' ? i.container : '')));
  for (const i of translation.outline) if (i.type === 'note') containers.add(i.container);
  for (const container of containers) {
    if (container && (!sourceIds.has(container) || !translated.has(container))) continue;
    const notesIn = (body: PartBody) => body.outline.filter((i): i is Extract<OutlineItem, { type: 'note' }> => i.type === 'note' && i.container === container);
    const want = notesIn(source);
    const have = notesIn(translation);
    const where = container ? ` in exercise '${container}'` : '';
    for (let n = 0; n < Math.min(want.length, have.length); n++) {
      if (want[n]?.kind !== have[n]?.kind) structure(`note kind=${have[n]?.kind}${where} (note ${n + 1})`, `kind=${want[n]?.kind}`, have[n]?.position);
    }
    for (let n = have.length; n < want.length; n++) {
      missing(`note ${n + 1}${where} (kind=${want[n]?.kind})`, `:::note{kind=${want[n]?.kind}}`, (have.at(-1)?.position ?? (container ? exercisePlace(container) : undefined))?.end);
    }
    for (let n = want.length; n < have.length; n++) extra(`note ${n + 1}${where} (kind=${have[n]?.kind})`, have[n]?.position);
  }

  // Questionnaires, by ref.
  const wanted = questionnairesOf(source.blocks);
  const had = questionnairesOf(translation.blocks);
  const questionnairePlace = (ref: string) => placeOf((i) => i.type === 'questionnaire' && i.ref === ref);
  for (const q of wanted) {
    const other = had.find((h) => h.ref === q.ref);
    if (!other) missing(`questionnaire '${q.ref}'`, `::questionnaire{ref=${q.ref}${q.required ? ' required' : ''}}`, undefined);
    else if (other.required !== q.required) structure(`required=${other.required} on questionnaire '${q.ref}'`, `required=${q.required}`, questionnairePlace(q.ref));
  }
  for (const q of had) if (!wanted.some((w) => w.ref === q.ref)) extra(`questionnaire '${q.ref}'`, questionnairePlace(q.ref));

  // Living content: the same values, recalls and number of figures (sentences may move, so not by order).
  const keysOf = (body: PartBody, type: 'value' | 'recall' | 'figure') =>
    body.outline.flatMap((i) => (i.type === type ? [{ key: i.type === 'value' ? i.key : i.type === 'recall' ? i.exercise : 'figure', position: i.position }] : []));
  const living: [type: 'value' | 'recall' | 'figure', what: (key: string) => string, expected: (key: string) => string][] = [
    ['value', (key) => `:value '${key}'`, (key) => `:value[...]{of=${key.replace(':', ' instrument=')}}`],
    ['recall', (key) => `::recall of '${key}'`, (key) => `::recall{exercise=${key}}`],
    ['figure', () => ':::figure', () => ':::figure[...]{src=...}'],
  ];
  for (const [type, what, expectedOf] of living) {
    const want = keysOf(source, type);
    const have = keysOf(translation, type);
    const left = [...have];
    for (const w of want) {
      const at = left.findIndex((h) => h.key === w.key);
      if (at === -1) missing(what(w.key), expectedOf(w.key), undefined);
      else left.splice(at, 1);
    }
    for (const h of left) extra(what(h.key), h.position);
  }
}

interface Reporters {
  missing: (what: string, expected: string, place: Position | Point | undefined) => void;
  extra: (what: string, place: Position | undefined) => void;
  structure: (what: string, expected: string, place: Position | undefined) => void;
}

const structuralFieldKeys = ['type', 'required', 'goal', 'min', 'max', 'step'] as const;
const textFieldKeys = ['help', 'placeholder', 'unit', 'anchors'] as const;

function compareFields(exercise: CompiledExercise, other: CompiledExercise, exercisePlace: Position | undefined, fieldPlace: (id: string) => Position | undefined, r: Reporters): void {
  const byId = new Map(other.fields.map((f) => [f.id, f]));
  const sourceIds = exercise.fields.map((f) => f.id);
  for (const field of exercise.fields) {
    if (!byId.has(field.id)) r.missing(`field '${field.id}' in exercise '${exercise.id}'`, `::field[...]{#${field.id} type=${field.type}}`, exercisePlace?.start);
  }
  for (const field of other.fields) if (!sourceIds.includes(field.id)) r.extra(`field '${field.id}' in exercise '${exercise.id}'`, fieldPlace(field.id));
  const order = other.fields.map((f) => f.id).filter((id) => sourceIds.includes(id));
  const common = sourceIds.filter((id) => byId.has(id));
  const moved = order.findIndex((id, i) => id !== common[i]);
  if (moved !== -1) r.structure(`order of fields in exercise '${exercise.id}' ('${order[moved]}' here)`, `the order ${common.join(', ')}`, fieldPlace(order[moved] as string));
  for (const field of exercise.fields) {
    const t = byId.get(field.id);
    if (!t) continue;
    const place = fieldPlace(field.id);
    const name = `field '${field.id}'`;
    for (const key of structuralFieldKeys) {
      if (field[key] !== t[key]) r.structure(`${key}=${attributeText(t[key])} on ${name}`, `${key}=${attributeText(field[key])}`, place);
    }
    for (const key of textFieldKeys) {
      if (field[key] !== undefined && t[key] === undefined) r.missing(`${key} of ${name}`, `${key}="..."`, place?.start);
      if (field[key] === undefined && t[key] !== undefined) r.extra(`${key} on ${name}`, place);
    }
    compareOptions(field, t, place, r);
  }
}

function compareOptions(field: CompiledField, other: CompiledField, place: Position | undefined, r: Reporters): void {
  const want = (field.options ?? []).map((o) => o.value);
  const have = (other.options ?? []).map((o) => o.value);
  for (const value of want) if (!have.includes(value)) r.missing(`option '${value}' of field '${field.id}'`, `${value}:<label> in options`, place?.start);
  for (const value of have) if (!want.includes(value)) r.extra(`option '${value}' of field '${field.id}'`, place);
  const common = want.filter((v) => have.includes(v));
  const order = have.filter((v) => want.includes(v));
  if (order.some((v, i) => v !== common[i])) r.structure(`order of options of field '${field.id}' (${order.join(', ')})`, `the order ${common.join(', ')}`, place);
}
