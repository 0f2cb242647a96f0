// One line per saved entry in a repeating log ("Natt til lør. 29. nov. · 6 t 0 min ·
// 75 %"), and the sleep diary arithmetic behind it: the same definitions as
// engine/exercises/sleep-diary.ts (a test checks they agree), since the client has no
// build step to share the engine's code.
import { t, formatNumber } from './i18n.js';
import { formatDay, hoursAndMinutes, formatPercent, nextDay } from './format.js';

/** @typedef {import('../../types/client').Exercise} Exercise */
/** @typedef {import('../../types/client').Field} Field */

const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** @param {unknown} time */
const minutesOfDay = (time) => {
  const match = typeof time === 'string' ? clock.exec(time) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
};

/** @param {unknown} from @param {unknown} to */
const minutesBetween = (from, to) => (minutesOfDay(to) - minutesOfDay(from) + 1440) % 1440;

/**
 * Time in bed, total sleep time and sleep efficiency of one diary night, or null when
 * a value is missing.
 * @param {Record<string, unknown>} v
 * @returns {{ timeInBed: number, totalSleepTime: number, sleepEfficiency: number | null } | null}
 */
export function summariseNight(v) {
  const times = ['in-bed', 'lights-out', 'final-wake', 'out-of-bed'];
  if (times.some((k) => Number.isNaN(minutesOfDay(v[k]))) || typeof v['sleep-latency'] !== 'number' || typeof v['awake-during-night'] !== 'number') return null;
  const timeInBed = minutesBetween(v['in-bed'], v['out-of-bed']);
  const asleep = minutesBetween(v['lights-out'], v['final-wake']);
  // As the engine: a night saved before nights were checked cannot report more sleep than time in bed.
  const totalSleepTime = Math.min(timeInBed, Math.max(0, asleep - v['sleep-latency'] - v['awake-during-night']));
  const sleepEfficiency = timeInBed === 0 ? null : Math.round((totalSleepTime / timeInBed) * 1000) / 10;
  return { timeInBed, totalSleepTime, sleepEfficiency };
}

/**
 * @param {string} text
 * @param {number} max
 */
const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * A scale value in words: "7 av 10".
 * @param {number} value
 * @param {Field} field
 */
export const scaleText = (value, field) => t('scaleValue', { value: formatNumber(value), max: formatNumber(field.max ?? 10) });

/**
 * A duration in minutes in words: "1 minutt", "45 minutter", "1 t 30 min".
 * @param {number} minutes
 */
export const durationText = (minutes) => (minutes >= 60 ? hoursAndMinutes(minutes) : t('minutesCount', { n: minutes }));

/**
 * The one-line summary of an entry.
 * @param {Exercise} exercise
 * @param {Record<string, unknown>} values
 * @param {string} savedAt when it was saved (for entries with no date of their own)
 */
export function entrySummary(exercise, values, savedAt) {
  const dateField = exercise.fields.find((f) => f.type === 'date' && typeof values[f.id] === 'string');
  const date = dateField ? /** @type {string} */ (values[dateField.id]) : undefined;
  if (exercise.kind === 'sleep-diary') {
    const night = summariseNight(values);
    if (night) {
      const when = date ? t('nightTo', { day: formatDay(nextDay(date)) }) : t('savedOn', { date: formatDay(savedAt) });
      return [when, hoursAndMinutes(night.totalSleepTime), night.sleepEfficiency === null ? null : formatPercent(night.sleepEfficiency)].filter(Boolean).join(' · ');
    }
  }
  /** @type {string[]} */
  const parts = [date ? formatDay(date) : ''];
  const text = exercise.fields.find((f) => (f.type === 'text' || f.type === 'longtext') && typeof values[f.id] === 'string' && values[f.id] !== '');
  if (text) parts.push(shorten(String(values[text.id]).replace(/\s+/g, ' '), 60));
  else {
    const choice = exercise.fields.find((f) => f.type === 'choice' && typeof values[f.id] === 'string');
    if (choice) parts.push(choice.options?.find((o) => o.value === values[choice.id])?.label ?? '');
  }
  // A ladder step shows its rating; other logs only when they have nothing else to show.
  const scale = exercise.fields.find((f) => f.type === 'scale' && typeof values[f.id] === 'number');
  const rated = scale ? scaleText(/** @type {number} */ (values[scale.id]), scale) : '';
  if (scale && exercise.kind === 'ladder') parts.push(rated);
  else if (scale && !parts.some(Boolean)) parts.push(`${shorten(scale.label.replace(/[?:.]$/, ''), 40)}: ${rated}`);
  const line = parts.filter(Boolean);
  return line.length ? line.join(' · ') : t('savedOn', { date: formatDay(savedAt) });
}
