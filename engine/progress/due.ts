/**
 * What is due now: the initial questionnaires, the daily check-in (at most once a
 * calendar day in the person's time zone), weekly and per-part repeats, and after the
 * last part the end questionnaires and the evaluation.
 */
import type { CompiledProgram } from '../../schemas/types.ts';
import { ownValue, type ProgressSnapshot } from './snapshot.ts';
import { missingStart } from './completion.ts';
import { repeatInterval } from './interval.ts';

export type DueKind = 'start' | 'checkin' | 'repeated' | 'end' | 'evaluation';

export interface DueItem {
  kind: DueKind;
  /** The instrument to answer ('checkin' for the check-in). */
  instrument: string;
}

/**
 * One formatter per time zone: building an Intl.DateTimeFormat costs far more than using
 * one (it loads the zone's rules), and the check-in test below runs once per check-in.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `at` in `timeZone`, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * Everything due for the person at `now`, most urgent first.
 *
 * @example
 *   dueNow(program, snapshot, new Date(), 'Europe/Oslo')
 *   // [{ kind: 'start', instrument: 'phq9' }, { kind: 'checkin', instrument: 'checkin' }]
 */
export function dueNow(program: CompiledProgram, snapshot: ProgressSnapshot, now: Date, timeZone = 'Europe/Oslo'): DueItem[] {
  const due: DueItem[] = [];
  const start = missingStart(program, snapshot);
  for (const instrument of start) due.push({ kind: 'start', instrument });

  const today = localDate(now, timeZone);
  if (!snapshot.checkins.some((c) => localDate(new Date(c.at), timeZone) === today)) due.push({ kind: 'checkin', instrument: program.measurement.checkin });
  if (start.length) return due;

  const lastOf = (instrument: string) => snapshot.responses.filter((r) => r.instrument === instrument).at(-1)?.at;
  const completions = Object.values(snapshot.sections).map((s) => s.completedAt).filter((t): t is string => !!t).sort();
  const lastCompletion = completions.at(-1);
  const finished = program.sections.every((s) => ownValue(snapshot.sections, s.id)?.completedAt);

  if (!finished) {
    for (const repeat of program.measurement.repeated) {
      const last = lastOf(repeat.instrument);
      const interval = repeatInterval(repeat.every);
      const isDue = interval !== undefined
        ? !last || now.getTime() - Date.parse(last) >= interval
        : !!lastCompletion && (!last || last < lastCompletion);
      if (isDue && !due.some((d) => d.instrument === repeat.instrument)) due.push({ kind: 'repeated', instrument: repeat.instrument });
    }
    return due;
  }
  for (const instrument of program.measurement.end) {
    const last = lastOf(instrument);
    if (!last || (lastCompletion && last < lastCompletion)) due.push({ kind: 'end', instrument });
  }
  if (!lastOf(program.measurement.evaluation)) due.push({ kind: 'evaluation', instrument: program.measurement.evaluation });
  return due;
}
