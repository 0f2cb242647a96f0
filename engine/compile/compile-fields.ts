/**
 * Compiles ::field directives (and the exercise around them) into the field
 * model that the server validates entries against and clients render.
 */
import type { VFile } from 'vfile';
import type { LeafDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import type { CompiledField, FieldAttributes } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { checkAttributes, flag } from './directive-attributes.ts';

const optionValue = /^[a-z0-9][a-z0-9-]*$/;

/** Fields that a sleep diary must have, by id, with their types (see docs/authoring.md). */
export const sleepDiaryFields: Record<string, CompiledField['type']> = {
  'in-bed': 'time',
  'lights-out': 'time',
  'sleep-latency': 'duration',
  'awake-during-night': 'duration',
  'final-wake': 'time',
  'out-of-bed': 'time',
};

/** Compiles one ::field; undefined (with diagnostics) when it is not usable. */
export function compileField(file: VFile, node: LeafDirective): CompiledField | undefined {
  const attrs = checkAttributes<FieldAttributes>(file, 'field', node.attributes, node.position);
  const label = toString(node).trim();
  if (!label) {
    report(file, 'error', 'label-missing', 'Missing label on ::field, expected the question in brackets: ::field[Hva skjedde?]{#situation type=longtext}', node.position);
  }
  if (!attrs || !label) return undefined;
  const field: CompiledField = { id: attrs.id, label, type: attrs.type, required: flag(attrs.required) };
  const bad = (reason: string) => {
    report(file, 'error', 'attribute-invalid', `${reason} on ::field #${attrs.id}`, node.position);
    return undefined;
  };
  const numeric = ['number', 'scale'].includes(attrs.type);
  for (const key of ['min', 'max', 'step'] as const) {
    if (attrs[key] === undefined) continue;
    if (!numeric) return bad(`Unexpected attribute '${key}' for type=${attrs.type}, expected it only with type=number or type=scale`);
    field[key] = Number(attrs[key]);
  }
  if (attrs.type === 'scale') {
    field.min ??= 0;
    field.max ??= 10;
    field.step ??= 1;
  }
  if (field.min !== undefined && field.max !== undefined && field.min >= field.max) {
    return bad(`Unexpected min=${field.min} max=${field.max}, expected min below max`);
  }
  if (field.step !== undefined && field.step <= 0) return bad(`Unexpected step=${field.step}, expected a positive number`);
  if (attrs.anchors !== undefined) {
    if (attrs.type !== 'scale') return bad(`Unexpected attribute 'anchors' for type=${attrs.type}, expected it only with type=scale`);
    field.anchors = attrs.anchors.split('|').map((s) => s.trim()) as [string, string];
  }
  const choice = attrs.type === 'choice' || attrs.type === 'multichoice';
  if (attrs.options !== undefined && !choice) return bad(`Unexpected attribute 'options' for type=${attrs.type}, expected it only with type=choice or type=multichoice`);
  if (choice) {
    if (attrs.options === undefined) {
      report(file, 'error', 'attribute-missing', `Missing attribute 'options' on ::field #${attrs.id}, expected options="value:Label|value:Label"`, node.position);
      return undefined;
    }
    const options: { value: string; label: string }[] = [];
    for (const part of attrs.options.split('|')) {
      const at = part.indexOf(':');
      const value = at > 0 ? part.slice(0, at).trim() : '';
      const text = at > 0 ? part.slice(at + 1).trim() : '';
      if (!optionValue.test(value) || !text) {
        return bad(`Unexpected option '${part}', expected value:Label with a value of lower-case letters, digits and dashes`);
      }
      if (options.some((o) => o.value === value)) return bad(`Repeated option value '${value}', expected each value once`);
      options.push({ value, label: text });
    }
    if (options.length < 2) return bad('Too few options, expected at least two');
    field.options = options;
  }
  for (const key of ['unit', 'placeholder', 'help'] as const) {
    if (attrs[key] !== undefined) field[key] = attrs[key];
  }
  // A goal is the person's own words for the coming week: only a text field can hold it.
  if (flag(attrs.goal)) {
    if (attrs.type !== 'text' && attrs.type !== 'longtext') return bad(`Unexpected attribute 'goal' for type=${attrs.type}, expected it only with type=text or type=longtext`);
    field.goal = true;
  }
  return field;
}
