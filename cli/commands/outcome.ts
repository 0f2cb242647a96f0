/** `mestring outcome`: classify a PHQ-9 + GAD-7 pre/post pair under NHS Talking Therapies rules. */
import { loadInstruments } from '../../engine/compile/compile-tree.ts';
import { classifyOutcome, outcomeRules, type OutcomeScores } from '../../engine/scoring/classify-outcome.ts';
import { UsageError, type Command } from '../command.ts';

const measures = ['phq9', 'gad7'];

/** Bad input: one line on stderr, exit code 2. */
function badInput(message: string): number {
  console.error(`mestring outcome: ${message}`);
  return 2;
}

function parseScores(option: string, text: string | undefined): OutcomeScores {
  if (!text) throw new UsageError(`missing --${option}, expected e.g. phq9=16,gad7=12`);
  const scores: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z][a-z0-9-]*)\s*=\s*(\d+)\s*$/.exec(part);
    if (!match) throw new UsageError(`unexpected '${part}' in --${option}, expected id=score such as phq9=16`);
    const [, id, value] = match as unknown as [string, string, string];
    if (!measures.includes(id)) throw new UsageError(`unknown measure '${id}' in --${option}, expected ${measures.join(' and ')}`);
    scores[id] = Number(value);
  }
  for (const id of measures) if (!(id in scores)) throw new UsageError(`missing ${id} in --${option}, expected ${measures.join(' and ')}`);
  return scores;
}

export const outcome: Command = {
  name: 'outcome',
  help: `Usage: mestring outcome --pre phq9=<n>,gad7=<n> --post phq9=<n>,gad7=<n> [--json]

Classifies the change between two measurements under the NHS Talking Therapies
rules. Caseness cut-offs and reliable-change thresholds are read from
programs/instruments/phq9.yaml and gad7.yaml.

Options:
  --pre <scores>   totals at the start, e.g. phq9=16,gad7=12
  --post <scores>  totals at the end, e.g. phq9=8,gad7=6
  --json           print {casenessPre, casenessPost, reliableImprovement,
                   reliableDeterioration, recovery, reliableRecovery, classification}
  -h, --help       show this help

Exit code: 0 classified, 2 bad usage or bad input (e.g. a total out of range).`,
  options: { pre: { type: 'string' }, post: { type: 'string' }, json: { type: 'boolean' } },
  run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const pre = parseScores('pre', values.pre as string | undefined);
    const post = parseScores('post', values.post as string | undefined);
    const { instruments } = loadInstruments('programs/instruments');
    const { rules, errors } = outcomeRules(instruments, measures);
    if (errors.length) return badInput(errors.map((e) => e.message).join('; '));
    for (const id of measures) {
      const bands = instruments.get(id)?.scoring?.total?.bands ?? [];
      const max = Math.max(...bands.map((b) => b.max));
      for (const [option, scores] of [['pre', pre], ['post', post]] as const) {
        if ((scores[id] as number) > max) return badInput(`${id}=${scores[id]} in --${option} is out of range, expected 0-${max}`);
      }
    }
    const { result, errors: classifyErrors } = classifyOutcome(pre, post, rules);
    if (!result) return badInput(classifyErrors.map((e) => e.message).join('; '));
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      const yesNo = (v: boolean | null) => (v === null ? 'not applicable (not a case at the start)' : v ? 'yes' : 'no');
      console.log([
        `Outcome: ${result.classification.replace(/_/g, ' ')}`,
        `  Case at start: ${yesNo(result.casenessPre)}; case at end: ${yesNo(result.casenessPost)}`,
        `  Reliable improvement: ${yesNo(result.reliableImprovement)}; reliable deterioration: ${yesNo(result.reliableDeterioration)}`,
        `  Recovery: ${yesNo(result.recovery)}; reliable recovery: ${yesNo(result.reliableRecovery)}`,
      ].join('\n'));
    }
    return 0;
  },
};
