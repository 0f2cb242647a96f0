/**
 * Reads one instrument definition (programs/instruments/<id>.yaml) and checks it
 * against schemas/instrument.schema.json and the rules the schema cannot say.
 */
import type { VFile } from 'vfile';
import { basename } from 'node:path';
import type { Instrument } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { readYaml, validateYaml, placeOf } from '../compile/validate-yaml.ts';
import { checkScoringRules } from './check-scoring-rules.ts';
import { checkExamples } from './check-examples.ts';

/** Loads an instrument from its file; undefined (with diagnostics on the file) when invalid. */
export function loadInstrument(file: VFile): Instrument | undefined {
  const source = readYaml(file, String(file.value));
  if (!validateYaml(file, source, 'instrument.schema.json', 'instrument-schema', 'the instrument')) return undefined;
  const instrument = source.data as Instrument;
  const expected = basename(file.path ?? '', '.yaml');
  if (file.path && instrument.id !== expected) {
    report(file, 'error', 'instrument-id-mismatch', `Unexpected id '${instrument.id}', expected '${expected}' (the file name)`, placeOf(source, ['id']));
    return undefined;
  }
  let valid = true;
  const seen = new Set<string>();
  instrument.items.forEach((item, i) => {
    const place = placeOf(source, ['items', i]);
    if (seen.has(item.id)) {
      report(file, 'error', 'id-duplicate', `Duplicate item id '${item.id}', expected each item id once`, place);
      valid = false;
    }
    seen.add(item.id);
    if (instrument.wording.source !== 'none' && !item.text) {
      report(file, 'error', 'instrument-schema', `Missing text of item '${item.id}', expected wording for every item unless wording.source is none`, place);
      valid = false;
    }
    const type = item.type ?? 'choice';
    if (type === 'choice' && !item.options && !instrument.options) {
      report(file, 'error', 'instrument-schema', `Missing options for item '${item.id}', expected options on the item or shared options on the instrument`, place);
      valid = false;
    }
    if (type === 'scale' && (item.min === undefined || item.max === undefined || item.min >= item.max)) {
      report(file, 'error', 'instrument-schema', `Unexpected scale on item '${item.id}', expected integers min below max`, place);
      valid = false;
    }
    if (type === 'text' && instrument.kind === 'scored') {
      report(file, 'error', 'instrument-schema', `Unexpected text item '${item.id}' in a scored instrument, expected choice or scale items`, place);
      valid = false;
    }
  });
  if (valid && !checkScoringRules(file, source, instrument)) valid = false;
  if (valid && !checkExamples(file, source, instrument)) valid = false;
  return valid ? instrument : undefined;
}
