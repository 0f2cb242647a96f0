/**
 * Scoring examples as data (an instrument's `examples:`): each is scored with the real
 * scorer and must give the total, band, flags and subscale scores it states. A wrong
 * example or a wrong rule shows up in `mestring validate`, at the example.
 */
import type { VFile } from 'vfile';
import type { Instrument } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { placeOf, type YamlSource } from '../compile/validate-yaml.ts';
import { scoreResponse, type Answers } from '../scoring/score-response.ts';

const shown = (value: unknown) => (value === null || value === undefined ? 'none' : Array.isArray(value) ? `[${value.join(', ')}]` : String(value));

/** Reports every example whose stated result differs from the scorer's; true when all agree. */
export function checkExamples(file: VFile, source: YamlSource, instrument: Instrument): boolean {
  let valid = true;
  (instrument.examples ?? []).forEach((example, i) => {
    const fail = (what: string) => {
      report(file, 'error', 'scoring-example-mismatch', `Example ${i + 1}${example.note ? ` (${example.note})` : ''}: ${what}`, placeOf(source, ['examples', i]));
      valid = false;
    };
    const result = scoreResponse(instrument, example.answers as Answers);
    if (!result.valid) {
      fail(`the answers are rejected (${result.errors.map((e) => e.message).join('; ')}), expected answers the instrument allows`);
      return;
    }
    if (example.total !== undefined && example.total !== result.total) fail(`total ${shown(result.total)}, expected ${shown(example.total)} as the example states`);
    if (example.band !== undefined && example.band !== result.band) fail(`band ${shown(result.band)}, expected ${shown(example.band)} as the example states`);
    if (example.flags !== undefined && [...example.flags].sort().join(',') !== [...result.flags].sort().join(',')) fail(`flags ${shown(result.flags)}, expected ${shown(example.flags)} as the example states`);
    for (const [id, expected] of Object.entries(example.subscales ?? {})) {
      const got = result.subscales[id];
      if (!got) fail(`no subscale '${id}', expected one of: ${Object.keys(result.subscales).join(', ') || 'none'}`);
      else {
        if (expected.total !== undefined && expected.total !== got.total) fail(`subscale ${id} total ${shown(got.total)}, expected ${shown(expected.total)} as the example states`);
        if (expected.band !== undefined && expected.band !== got.band) fail(`subscale ${id} band ${shown(got.band)}, expected ${shown(expected.band)} as the example states`);
      }
    }
  });
  return valid;
}
