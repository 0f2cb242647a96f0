/**
 * A group course's shared schedule as data: part N opens on a date, or every N days from
 * the course's start. The dates are calendar days in the service's time zone and open at
 * midnight there. Gating in a group takes both: a part opens when its date has come and
 * the part before it is complete (gating.ts).
 */
import type { CompiledProgram } from '../../schemas/types.ts';

/** Every `everyDays` days from the start (part 1 on the start date), or a date per part id. */
export type GroupSchedule = { everyDays: number } | { dates: Readonly<Record<string, string>> };

/** The instant (ISO 8601) of midnight starting `date` (YYYY-MM-DD) in `timeZone`. */
export function localMidnight(date: string, timeZone: string): string {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - t;
  };
  // The offset at the guess can differ from the offset at the answer across a clock change: correct once more.
  let t = utc - offsetAt(utc);
  t = utc - offsetAt(t);
  return new Date(t).toISOString();
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The calendar day (YYYY-MM-DD) each part of `program` opens on under a group's schedule,
 * by part id (parts without a date are absent: only the usual gating holds for them).
 *
 * @example
 *   scheduledDates(program, '2025-09-01', { everyDays: 7 })
 *   // { intro: '2025-09-01', part2: '2025-09-08', ... }
 */
export function scheduledDates(program: CompiledProgram, startDate: string, schedule: GroupSchedule): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  program.sections.forEach((section, index) => {
    const date = 'everyDays' in schedule ? addDays(startDate, index * schedule.everyDays) : Object.hasOwn(schedule.dates, section.id) ? schedule.dates[section.id] : undefined;
    if (date) out[section.id] = date;
  });
  return out;
}

/**
 * When each part of `program` opens under a group's schedule, by part id: midnight of its
 * day (scheduledDates) in `timeZone`.
 *
 * @example
 *   scheduledOpenings(program, '2025-09-01', { everyDays: 7 }, 'Europe/Oslo')
 *   // { intro: '2025-08-31T22:00:00.000Z', part2: '2025-09-07T22:00:00.000Z', ... }
 */
export function scheduledOpenings(program: CompiledProgram, startDate: string, schedule: GroupSchedule, timeZone: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [id, date] of Object.entries(scheduledDates(program, startDate, schedule))) out[id] = localMidnight(date, timeZone);
  return out;
}
