// Dates, times and durations the way the chosen language writes them (Intl), so a
// person never sees an ISO date or a decimal point where Norwegian has a comma.
import { loadedLang, locales, t } from './i18n.js';

const loc = () => locales[loadedLang()];

/**
 * A calendar date ("2026-11-29") as a Date at noon local time, so that no time zone
 * moves it to the day before; other ISO strings are parsed as they are.
 * @param {string} iso
 */
export function toDate(iso) {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
}

/**
 * @param {string | null | undefined} iso
 * @param {Intl.DateTimeFormatOptions} options
 */
function format(iso, options) {
  if (!iso) return '';
  const d = toDate(iso);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(loc(), options).format(d);
}

/** "29. nov. 2026" */
export const formatDate = (/** @type {string | null | undefined} */ iso) => format(iso, { day: 'numeric', month: 'short', year: 'numeric' });

/** "lør. 29. nov." */
export const formatDay = (/** @type {string | null | undefined} */ iso) => format(iso, { weekday: 'short', day: 'numeric', month: 'short' });

/** "lørdag 29. november" */
export const formatLongDay = (/** @type {string | null | undefined} */ iso) => format(iso, { weekday: 'long', day: 'numeric', month: 'long' });

/** "29. nov." (chart axes) */
export const formatShortDate = (/** @type {string | null | undefined} */ iso) => format(iso, { day: 'numeric', month: 'short' });

/** "29. nov. 2026, 14:30" */
export const formatDateTime = (/** @type {string | null | undefined} */ iso) => format(iso, { dateStyle: 'medium', timeStyle: 'short' });

/** "lørdag 29. november kl. 14:30" */
export function formatAppointment(/** @type {string} */ iso) {
  return t('dateAtTime', { date: formatLongDay(iso), time: format(iso, { hour: '2-digit', minute: '2-digit' }) });
}

/**
 * The day after a calendar date: a sleep diary night is dated by its evening, and
 * shown as the night to the next day.
 * @param {string} iso "2026-11-28"
 */
export function nextDay(iso) {
  const d = toDate(iso);
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * "6 t 15 min" / "6 h 15 min".
 * @param {number} minutes
 */
export function hoursAndMinutes(minutes) {
  const whole = Math.max(0, Math.round(minutes));
  return t('hoursMinutes', { h: String(Math.floor(whole / 60)), m: String(whole % 60) });
}

/**
 * "75 %" / "75%" with the language's decimal mark.
 * @param {number} value a percentage (75, not 0.75)
 */
export function formatPercent(value) {
  return new Intl.NumberFormat(loc(), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/**
 * A short list in words: "A, B og C".
 * @param {string[]} items
 */
export function formatList(items) {
  return new Intl.ListFormat(loc(), { style: 'long', type: 'conjunction' }).format(items);
}
