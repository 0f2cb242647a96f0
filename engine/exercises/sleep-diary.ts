/**
 * Sleep diary arithmetic (Consensus Sleep Diary definitions, Carney et al. 2012):
 * time in bed, total sleep time and sleep efficiency for one night, and the sleep
 * window for sleep restriction. Pure functions over the diary's field values.
 */

/** One night's diary values, keyed by the field ids a sleep-diary exercise must have. */
export interface SleepDiaryNight {
  'in-bed': string;
  'lights-out': string;
  'sleep-latency': number;
  'awake-during-night': number;
  'final-wake': string;
  'out-of-bed': string;
}

export interface SleepNightSummary {
  /** Minutes from getting into bed to getting out of bed. */
  timeInBed: number;
  /** Minutes asleep: (final wake - lights out) - latency - awake during the night, never below zero. */
  totalSleepTime: number;
  /** totalSleepTime / timeInBed x 100, one decimal; null when time in bed is zero. */
  sleepEfficiency: number | null;
}

const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an HH:MM clock time, or NaN when it is not one. */
export function minutesOfDay(time: string): number {
  const match = clock.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** Minutes from clock time `from` to the next `to`, crossing midnight: 23:30 to 06:30 is 420. */
export function minutesBetween(from: string, to: string): number {
  return (minutesOfDay(to) - minutesOfDay(from) + 1440) % 1440;
}

/**
 * Summarises one night.
 *
 * @example
 *   summariseNight({ 'in-bed': '23:00', 'lights-out': '23:30', 'sleep-latency': 30,
 *     'awake-during-night': 30, 'final-wake': '06:30', 'out-of-bed': '07:00' })
 *   // { timeInBed: 480, totalSleepTime: 360, sleepEfficiency: 75 }
 */
export function summariseNight(night: SleepDiaryNight): SleepNightSummary {
  const timeInBed = minutesBetween(night['in-bed'], night['out-of-bed']);
  const asleepSpan = minutesBetween(night['lights-out'], night['final-wake']);
  // New nights are checked (impossibleNight); a night saved before that check cannot
  // report more sleep than time in bed either.
  const totalSleepTime = Math.min(timeInBed, Math.max(0, asleepSpan - night['sleep-latency'] - night['awake-during-night']));
  const sleepEfficiency = timeInBed === 0 ? null : Math.round((totalSleepTime / timeInBed) * 1000) / 10;
  return { timeInBed, totalSleepTime, sleepEfficiency };
}

/** A field of a night that cannot be true, and why. */
export interface NightProblem {
  field: keyof SleepDiaryNight;
  message: string;
}

/**
 * What cannot be true about a night: the clock times must come in the order of a night
 * (in bed, lights out, final wake, out of bed; crossing midnight at most once, so the
 * whole night is under 24 hours), and falling asleep plus time awake cannot take longer
 * than the time from lights out to the final wake. A night without problems has a total
 * sleep time no longer than its time in bed, so its sleep efficiency is at most 100 %.
 *
 * @example
 *   impossibleNight({ 'in-bed': '23:00', 'lights-out': '22:30', ... })
 *   // [{ field: 'lights-out', message: 'Lights out must be at or after going to bed ...' }]
 */
export function impossibleNight(night: SleepDiaryNight): NightProblem[] {
  const from = night['in-bed'];
  const lightsOut = minutesBetween(from, night['lights-out']);
  const finalWake = minutesBetween(from, night['final-wake']);
  const outOfBed = minutesBetween(from, night['out-of-bed']);
  const problems: NightProblem[] = [];
  if (lightsOut > finalWake) {
    problems.push({ field: 'lights-out', message: 'Lights out must be at or after going to bed, and before the final wake' });
  } else if (finalWake > outOfBed) {
    problems.push({ field: 'out-of-bed', message: 'Getting out of bed must be at or after the final wake' });
  } else {
    const span = finalWake - lightsOut;
    if (night['sleep-latency'] > span) {
      problems.push({ field: 'sleep-latency', message: `Falling asleep cannot take longer than the ${span} minutes from lights out to the final wake` });
    } else if (night['sleep-latency'] + night['awake-during-night'] > span) {
      problems.push({ field: 'awake-during-night', message: `Time awake cannot be longer than the ${span - night['sleep-latency']} minutes between falling asleep and the final wake` });
    }
  }
  return problems;
}

/** The shortest sleep window offered, in minutes (5 hours). */
export const minimumSleepWindow = 300;

/**
 * The length of the sleep window: the average total sleep time of the last seven
 * nights (fewer if fewer are logged), never shorter than five hours. `totalSleepTimes`
 * are in minutes, oldest night first.
 *
 * @example
 *   sleepWindowLength([360, 330, 345, 300, 390, 360, 330]) // { minutes: 345, averageSleep: 345, nights: 7 }
 */
export function sleepWindowLength(totalSleepTimes: readonly number[]): { minutes: number; averageSleep: number; nights: number } | null {
  const recent = totalSleepTimes.slice(-7);
  if (recent.length === 0) return null;
  const averageSleep = Math.round(recent.reduce((sum, minutes) => sum + minutes, 0) / recent.length);
  return { minutes: Math.max(minimumSleepWindow, averageSleep), averageSleep, nights: recent.length };
}

/**
 * The sleep window for sleep restriction (see sleepWindowLength), ending at the fixed
 * rise time. `nights` are in date order, oldest first.
 *
 * @example
 *   sleepWindow(nights, '06:30') // { minutes: 330, bedtime: '01:00', riseTime: '06:30', nights: 7 }
 */
export function sleepWindow(nights: readonly SleepDiaryNight[], riseTime: string): { minutes: number; bedtime: string; riseTime: string; nights: number } | null {
  const length = sleepWindowLength(nights.map((night) => summariseNight(night).totalSleepTime));
  if (!length || Number.isNaN(minutesOfDay(riseTime))) return null;
  const bed = (minutesOfDay(riseTime) - length.minutes + 1440) % 1440;
  const bedtime = `${String(Math.floor(bed / 60)).padStart(2, '0')}:${String(bed % 60).padStart(2, '0')}`;
  return { minutes: length.minutes, bedtime, riseTime, nights: length.nights };
}

/** One diary night in a series: when it was logged and its summary. */
export interface SleepSeriesPoint extends SleepNightSummary {
  /** The entry's `date` field when the diary has one, else the day it was saved. */
  at: string;
  exerciseId: string;
}

/** Whether `values` hold every time and duration of a diary night. */
export const isNight = (values: Record<string, unknown>): values is SleepDiaryNight & Record<string, unknown> =>
  ['in-bed', 'lights-out', 'final-wake', 'out-of-bed'].every((k) => typeof values[k] === 'string' && !Number.isNaN(minutesOfDay(values[k] as string))) &&
  ['sleep-latency', 'awake-during-night'].every((k) => typeof values[k] === 'number');

/**
 * Sleep diary nights of a program's sleep-diary exercises, oldest first, for charts
 * of sleep efficiency. A night is dated by the diary's date field when it has one,
 * else by when it was saved. Entries missing a value are left out.
 *
 * @example
 *   sleepSeries(program, [{ exerciseId: 'sleep-diary', values, createdAt }])
 */
export function sleepSeries(
  program: { sections: { blocks: { type: string; id?: string; kind?: string; fields?: { id: string; type: string }[] }[] }[] },
  entries: readonly { exerciseId: string; values: Record<string, unknown>; createdAt: string }[],
): SleepSeriesPoint[] {
  const dateField = new Map<string, string | undefined>();
  for (const section of program.sections) {
    for (const block of section.blocks) {
      if (block.type === 'exercise' && block.kind === 'sleep-diary' && block.id) dateField.set(block.id, block.fields?.find((f) => f.type === 'date')?.id);
    }
  }
  return entries
    .filter((e) => dateField.has(e.exerciseId) && isNight(e.values))
    .map((e) => {
      const day = e.values[dateField.get(e.exerciseId) ?? ''];
      return { at: typeof day === 'string' ? day : e.createdAt, exerciseId: e.exerciseId, ...summariseNight(e.values as unknown as SleepDiaryNight) };
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}
