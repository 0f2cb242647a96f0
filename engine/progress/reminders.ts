/**
 * When the weekly questionnaires fall due next, for reminders in the person's own
 * calendar: a week after the last answer (or now, when one is already due). Nothing
 * before the initial mapping is done, nothing after the last part.
 */
import type { CompiledProgram } from '../../schemas/types.ts';
import type { ProgressSnapshot } from './snapshot.ts';
import { missingStart } from './completion.ts';

const week = 7 * 24 * 60 * 60 * 1000;

/**
 * The next due time of each weekly repeated questionnaire.
 *
 * @example
 *   questionnaireReminders(program, snapshot, new Date('2026-03-02T10:00:00Z'))
 *   // [{ instrument: 'gad7', at: '2026-03-05T09:12:00.000Z' }]
 */
export function questionnaireReminders(program: CompiledProgram, snapshot: ProgressSnapshot, now: Date): { instrument: string; at: string }[] {
  if (missingStart(program, snapshot).length) return [];
  if (program.sections.every((s) => snapshot.sections[s.id]?.completedAt)) return [];
  return program.measurement.repeated
    .filter((r) => r.every === 'week')
    .map((r) => {
      const last = snapshot.responses.filter((x) => x.instrument === r.instrument).at(-1)?.at;
      const next = last ? Math.max(Date.parse(last) + week, now.getTime()) : now.getTime();
      return { instrument: r.instrument, at: new Date(next).toISOString() };
    });
}
