/**
 * What is due now: the initial questionnaires, the daily check-in (at most once a
 * calendar day in the person's time zone), weekly and per-part repeats, and after the
 * last part the end questionnaires and the evaluation. The evaluation is for everyone:
 * it is also due when a professional stopped the program, or after a number of days
 * without activity (an answer, a check-in, an entry, a part completed).
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

/** Why the program may have ended before its last part. */
export interface EndOptions {
  /** A professional stopped the program. */
  stopped?: boolean;
  /** Days without activity after which the evaluation is due (the organisation's choice). */
  inactivityDays?: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The person's latest activity in `snapshot` (ISO 8601), or undefined: an answer, a
 * check-in, an entry saved or a part completed. A part opening is not counted: the server
 * opens parts when it is asked, which is not the person doing anything.
 */
export function lastActivity(snapshot: ProgressSnapshot): string | undefined {
  // The greatest of the times, in one pass: a long history has hundreds of them and this
  // runs on every GET /v1/me.
  let last = snapshot.lastEntryAt || undefined;
  const consider = (at: string | null | undefined) => {
    if (at && (last === undefined || at > last)) last = at;
  };
  for (const r of snapshot.responses) consider(r.at);
  for (const c of snapshot.checkins) consider(c.at);
  for (const s of Object.values(snapshot.sections)) consider(s.completedAt);
  return last;
}

/** Whether the program ended early for the person: stopped, or no activity for `inactivityDays`. */
export function endedEarly(snapshot: ProgressSnapshot, now: Date, options: EndOptions): boolean {
  if (options.stopped) return true;
  if (options.inactivityDays === undefined) return false;
  const last = lastActivity(snapshot);
  return last !== undefined && now.getTime() - Date.parse(last) >= options.inactivityDays * dayMs;
}

/**
 * Everything due for the person at `now`, most urgent first.
 *
 * @example
 *   dueNow(program, snapshot, new Date(), 'Europe/Oslo')
 *   // [{ kind: 'start', instrument: 'phq9' }, { kind: 'checkin', instrument: 'checkin' }]
 */
export function dueNow(program: CompiledProgram, snapshot: ProgressSnapshot, now: Date, timeZone = 'Europe/Oslo', end: EndOptions = {}): DueItem[] {
  const due: DueItem[] = [];
  const lastOf = (instrument: string) => snapshot.responses.filter((r) => r.instrument === instrument).at(-1)?.at;
  const finished = program.sections.every((s) => ownValue(snapshot.sections, s.id)?.completedAt);
  // Ended before the last part: the evaluation first, asked once, whatever else is left.
  if (!finished && !lastOf(program.measurement.evaluation) && endedEarly(snapshot, now, end)) due.push({ kind: 'evaluation', instrument: program.measurement.evaluation });
  const start = missingStart(program, snapshot);
  for (const instrument of start) due.push({ kind: 'start', instrument });

  const today = localDate(now, timeZone);
  // Only a check-in within two days of `now` can fall on today's date in any time zone;
  // the others are passed over without formatting their dates.
  const near = (at: string) => Math.abs(now.getTime() - Date.parse(at)) < 2 * dayMs;
  if (!snapshot.checkins.some((c) => near(c.at) && localDate(new Date(c.at), timeZone) === today)) due.push({ kind: 'checkin', instrument: program.measurement.checkin });
  if (start.length) return due;

  const completions = Object.values(snapshot.sections).map((s) => s.completedAt).filter((t): t is string => !!t).sort();
  const lastCompletion = completions.at(-1);

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
