/**
 * When the repeated questionnaires fall due next, for reminders in the person's own
 * calendar: their interval after the last answer (or now, when one is already due). Nothing
 * before the initial mapping is done, nothing after the last part.
 */
import type { CompiledProgram } from '../../schemas/types.ts';
import { ownValue, type ProgressSnapshot } from './snapshot.ts';
import { missingStart } from './completion.ts';
import { repeatInterval } from './interval.ts';

/**
 * The next due time of each questionnaire repeated by time (not per part).
 *
 * @example
 *   questionnaireReminders(program, snapshot, new Date('2026-03-02T10:00:00Z'))
 *   // [{ instrument: 'gad7', at: '2026-03-05T09:12:00.000Z' }]
 */
export function questionnaireReminders(program: CompiledProgram, snapshot: ProgressSnapshot, now: Date): { instrument: string; at: string }[] {
  if (missingStart(program, snapshot).length) return [];
  if (program.sections.every((s) => ownValue(snapshot.sections, s.id)?.completedAt)) return [];
  return program.measurement.repeated
    .flatMap((r) => {
      const interval = repeatInterval(r.every);
      return interval === undefined ? [] : [{ instrument: r.instrument, interval }];
    })
    .map((r) => {
      const last = snapshot.responses.filter((x) => x.instrument === r.instrument).at(-1)?.at;
      const next = last ? Math.max(Date.parse(last) + r.interval, now.getTime()) : now.getTime();
      return { instrument: r.instrument, at: new Date(next).toISOString() };
    });
}
