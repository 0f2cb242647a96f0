/**
 * Checks a directive's attributes against schemas/directives.schema.json and
 * turns them from strings into typed values. Attributes carry no positions of
 * their own, so every message points at the directive.
 */
import type { VFile } from 'vfile';
import type { Position } from 'unist';
import { validatorFor } from '../schemas.ts';
import { report } from '../diagnostics.ts';
import { describeError } from './validate-yaml.ts';

export type DirectiveName = 'exercise' | 'field' | 'questionnaire' | 'note' | 'value' | 'recall' | 'figure';

const allowed: Record<DirectiveName, string[]> = {
  exercise: ['id', 'kind', 'required', 'repeatable', 'minEntries'],
  field: ['id', 'type', 'required', 'goal', 'min', 'max', 'step', 'anchors', 'options', 'unit', 'placeholder', 'help'],
  questionnaire: ['ref', 'required'],
  note: ['kind'],
  value: ['of', 'instrument', 'diary', 'rise'],
  recall: ['exercise'],
  figure: ['src'],
};

const written: Record<DirectiveName, string> = { exercise: ':::exercise', note: ':::note', figure: ':::figure', field: '::field', questionnaire: '::questionnaire', recall: '::recall', value: ':value' };

/**
 * Validates `attributes` for directive `name`; reports problems on `file` at `position`.
 * Returns the attributes when they are valid, undefined otherwise.
 */
export function checkAttributes<T>(
  file: VFile,
  name: DirectiveName,
  attributes: Record<string, string | null | undefined> | null | undefined,
  position: Position | undefined,
): T | undefined {
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) attrs[key] = value ?? '';
  // remark-directive reads `.foo` as a class; no directive of ours takes one.
  if ('class' in attrs) {
    report(file, 'error', 'attribute-unknown', `Unexpected class '.${attrs.class}' on ${written[name]}, expected attributes: ${allowed[name].join(', ')}`, position);
    delete attrs.class;
  }
  const validate = validatorFor(`directives.schema.json#/$defs/${name}`);
  if (validate(attrs)) return attrs as T;
  for (const error of validate.errors ?? []) {
    const params = error.params as Record<string, unknown>;
    const attr = error.instancePath.slice(1);
    if (error.keyword === 'additionalProperties') {
      report(file, 'error', 'attribute-unknown', `Unexpected attribute '${String(params.additionalProperty)}' on ${written[name]}, expected one of: ${allowed[name].join(', ')}`, position);
    } else if (error.keyword === 'required') {
      const missing = String(params.missingProperty);
      const how = missing === 'id' ? '#my-id' : `${missing}=...`;
      report(file, 'error', 'attribute-missing', `Missing attribute '${missing}' on ${written[name]}, expected it as {${how}}`, position);
    } else {
      report(file, 'error', 'attribute-invalid', `${describeError(error, `attribute '${attr}' of ${written[name]}`)} (got '${attrs[attr] ?? ''}')`, position);
    }
  }
  return undefined;
}

/** A flag attribute: present (or "true") means on. */
export function flag(value: string | undefined): boolean {
  return value === '' || value === 'true';
}
