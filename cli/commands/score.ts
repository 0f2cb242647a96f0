/** `mestring score`: score one set of answers to one instrument, for a clinician or as JSON. */
import { loadInstruments } from '../../engine/compile/compile-tree.ts';
import { answersFromList, scoreResponse } from '../../engine/scoring/score-response.ts';
import type { Instrument, ScoreResult } from '../../schemas/types.ts';
import { UsageError, type Command } from '../command.ts';

const instrumentsDir = 'programs/instruments';

/** Bad input: one line on stderr, exit code 2 (usage errors also print the help). */
function badInput(message: string): number {
  console.error(`mestring score: ${message}`);
  return 2;
}

function bandLabel(instrument: Instrument, id: string | null, subscale?: string): string {
  if (id === null) return 'not computable';
  const scoring = instrument.scoring;
  const bands = subscale ? scoring?.subscales?.find((s) => s.id === subscale)?.bands : scoring?.total?.bands;
  const classes = scoring?.classification ? [...scoring.classification.classes, scoring.classification.otherwise] : [];
  const label = bands?.find((b) => b.id === id)?.label ?? classes.find((c) => c.id === id)?.label;
  return label ? `${id} (${label})` : id;
}

function describe(instrument: Instrument, result: ScoreResult): string {
  const lines = [`${instrument.name}`];
  const range = instrument.scoring?.total?.bands;
  if (instrument.scoring?.total) {
    const max = range?.[range.length - 1]?.max;
    lines.push(`  Total: ${result.total ?? 'not computable (too many unanswered items)'}${result.total !== null && max !== undefined ? ` of ${max}` : ''}${result.prorated ? ' (prorated)' : ''}`);
  }
  if (result.band !== null || instrument.scoring?.total?.bands || instrument.scoring?.classification) {
    lines.push(`  ${instrument.scoring?.classification ? 'Classification' : 'Band'}: ${bandLabel(instrument, result.band)}`);
  }
  for (const [id, score] of Object.entries(result.subscales)) {
    lines.push(`  ${id}: ${score.total ?? 'not computable'}, ${bandLabel(instrument, score.band, id)}`);
  }
  if (result.missing.length) lines.push(`  Missing (unanswered or not applicable): ${result.missing.join(', ')}`);
  if (result.flags.includes('risk')) lines.push('  RISK: the answer to a risk item is above zero. Follow up on safety now.');
  if (result.flags.includes('risk_unknown')) lines.push('  RISK UNKNOWN: a risk item is unanswered. Ask about it; do not read it as no risk.');
  for (const flag of result.flags.filter((f) => f !== 'risk' && f !== 'risk_unknown')) lines.push(`  Flag: ${flag}`);
  return lines.join('\n');
}

export const score: Command = {
  name: 'score',
  help: `Usage: mestring score <instrument> --answers <list> [--json]

Scores one set of answers with the instrument's published rules, read from
${instrumentsDir}/<instrument>.yaml.

Options:
  --answers <list>  the item values in item order, comma-separated; leave a value
                    empty for an unanswered item (e.g. 1,2,,0)
  --json            print {instrument, valid, total, band, subscales, flags, prorated}
  -h, --help        show this help

Exit code: 0 scored, 2 bad usage or bad input (unknown instrument, wrong number
of answers, a value the item does not allow).

Example:
  mestring score phq9 --answers 2,1,0,3,1,0,2,0,1`,
  options: { answers: { type: 'string' }, json: { type: 'boolean' } },
  run({ values, positionals }) {
    const [id, ...rest] = positionals;
    if (!id) throw new UsageError('missing instrument id');
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    if (typeof values.answers !== 'string') throw new UsageError('missing --answers');
    const { instruments } = loadInstruments(instrumentsDir);
    const instrument = instruments.get(id);
    if (!instrument) return badInput(`unknown instrument '${id}', expected one of: ${[...instruments.keys()].sort().join(', ')}`);
    const list = values.answers.split(',');
    if (list.length !== instrument.items.length) {
      return badInput(`${id} has ${instrument.items.length} items, got ${list.length} answers`);
    }
    const result = scoreResponse(instrument, answersFromList(instrument, list).answers);
    if (!result.valid) return badInput(result.errors.map((e) => e.message).join('; '));
    if (values.json) {
      const { instrument: name, valid, total, band, subscales, flags, prorated } = result;
      console.log(JSON.stringify({ instrument: name, valid, total, band, subscales, flags, prorated }, null, 2));
    } else {
      console.log(describe(instrument, result));
    }
    return 0;
  },
};
