// My progress: each questionnaire's scores over time with the latest score and its
// band in words ("PHQ-9: 5, lette plager", bands from the instrument definitions), the
// check-in ratings, and sleep efficiency from the sleep diary - as charts with the
// same data in tables. Shared with the professional's follow-up view.
import { h } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { lineChart } from '../chart.js';
import { formatPercent, hoursAndMinutes } from '../format.js';
import { api } from './session.js';
import { show } from '../shell.js';
import { contentLangOf } from './content-language.js';

/** @typedef {import('../../../types/client').Instrument} Instrument */
/** @typedef {import('../../../types/client').Schemas} Schemas */

/**
 * The short published name of an instrument: "PHQ-9" from "Patient Health Questionnaire-9 (PHQ-9)".
 * @param {Instrument | undefined} instrument
 */
export function shortName(instrument) {
  return /\(([^()]+)\)\s*$/.exec(instrument?.name ?? '')?.[1] ?? instrument?.title ?? '';
}

/**
 * The lowest and highest possible total: the summed items' option values, times any multiplier.
 * @param {Instrument} instrument
 * @returns {{ min: number, max: number } | null}
 */
export function scoreRange(instrument) {
  const total = instrument.scoring?.total;
  if (!total) return null;
  const ids = new Set(total.items ?? instrument.items.map((i) => i.id));
  let min = 0;
  let max = 0;
  for (const item of instrument.items.filter((i) => ids.has(i.id))) {
    if (item.type === 'text') continue;
    const values = item.type === 'scale' ? [item.min ?? 0, item.max ?? 10] : (item.options ?? instrument.options ?? []).map((o) => o.value);
    if (!values.length) return null;
    min += Math.min(...values);
    max += Math.max(...values);
  }
  const k = total.multiplier ?? 1;
  return { min: min * k, max: max * k };
}

/**
 * The label of a band id: a severity band of the total, or a class of a criterion-based classification.
 * @param {Instrument | undefined} instrument
 * @param {string | null | undefined} band
 */
export function bandLabel(instrument, band) {
  if (!band || !instrument?.scoring) return '';
  const { total, classification } = instrument.scoring;
  return (
    total?.bands?.find((b) => b.id === band)?.label ??
    (classification ? [...classification.classes, classification.otherwise].find((c) => c.id === band)?.label : undefined) ??
    ''
  );
}

/** @param {string} text */
const lowerFirst = (text) => (text ? text[0]?.toLowerCase() + text.slice(1) : text);

/**
 * What a score means: its range, and each band with the latest one marked.
 * @param {Instrument} instrument
 * @param {string | null} latestBand
 * @param {string | undefined} contentLang
 */
function meaningOf(instrument, latestBand, contentLang) {
  const range = scoreRange(instrument);
  const bands = instrument.scoring?.total?.bands ?? [];
  const rangeText = range ? t('scoreRange', { min: formatNumber(range.min), max: formatNumber(range.max) }) : '';
  if (!bands.length) return rangeText ? h('p', { class: 'meaning' }, rangeText) : null;
  return h(
    'div',
    { class: 'meaning' },
    rangeText ? h('p', {}, rangeText) : null,
    h(
      'ul',
      { class: 'bands' },
      bands.map((b) =>
        h(
          'li',
          { class: b.id === latestBand ? 'current' : undefined },
          h('span', { class: 'band-range' }, `${formatNumber(b.min)}–${formatNumber(b.max)}`),
          ' ',
          h('span', { lang: contentLang }, b.label),
          b.id === latestBand ? h('span', { class: 'band-you' }, ` (${t('bandLatest')})`) : null,
        ),
      ),
    ),
  );
}

/**
 * @param {{
 *   scores?: Schemas['Scores']['instruments'],
 *   checkins?: Schemas['Checkin'][],
 *   sleep?: Schemas['Scores']['sleep'],
 *   instruments?: Record<string, Instrument | undefined>,
 *   useNames?: boolean,
 *   contentLang?: string,
 * }} data
 * @returns {HTMLElement[]}
 */
export function progressCharts({ scores, checkins, sleep, instruments, useNames = false, contentLang }) {
  /** @type {HTMLElement[]} */
  const charts = [];
  for (const [id, points] of Object.entries(scores ?? {})) {
    const usable = points.filter((p) => typeof p.total === 'number');
    const instrument = instruments?.[id];
    const last = usable[usable.length - 1];
    if (!last || !instrument) continue;
    const range = scoreRange(instrument);
    const latestBand = bandLabel(instrument, last.band);
    const latest = `${shortName(instrument)}: ${formatNumber(/** @type {number} */ (last.total))}${latestBand ? `, ${lowerFirst(latestBand)}` : ''}`;
    charts.push(
      lineChart({
        title: useNames ? instrument.name : instrument.title,
        titleLang: useNames ? undefined : contentLang,
        latest,
        meaning: meaningOf(instrument, last.band, contentLang),
        points: usable.map((p) => ({ at: p.at, value: /** @type {number} */ (p.total), note: bandLabel(instrument, p.band) })),
        min: range?.min ?? 0,
        max: Math.max(range?.max ?? 0, ...usable.map((p) => /** @type {number} */ (p.total)), 1),
        valueText: (v) => formatNumber(v),
        columns: [t('colDate'), t('colScore'), t('colMeaning')],
      }),
    );
  }
  const checkinItems = instruments?.checkin?.items ?? [];
  for (const item of checkinItems) {
    const points = (checkins ?? []).filter((c) => typeof c.ratings[item.id] === 'number').map((c) => ({ at: c.createdAt, value: /** @type {number} */ (c.ratings[item.id]) }));
    const last = points[points.length - 1];
    if (!last) continue;
    const max = item.max ?? 10;
    const min = item.min ?? 0;
    charts.push(
      lineChart({
        title: item.text ?? t('checkinTitle'),
        titleLang: contentLang,
        latest: t('latestRating', { value: formatNumber(last.value), max: formatNumber(max) }),
        meaning: item.anchors ? t('ratingMeaning', { min: formatNumber(min), minText: item.anchors[0] ?? '', max: formatNumber(max), maxText: item.anchors[1] ?? '' }) : null,
        points,
        min,
        max,
        valueText: (v) => formatNumber(v),
      }),
    );
  }
  const nights = (sleep ?? []).filter((n) => typeof n.sleepEfficiency === 'number');
  const lastNight = nights[nights.length - 1];
  if (lastNight) {
    charts.push(
      lineChart({
        title: t('sleepEfficiency'),
        latest: t('latestSleepEfficiency', { value: formatPercent(/** @type {number} */ (lastNight.sleepEfficiency)), sleep: hoursAndMinutes(lastNight.totalSleepTime) }),
        meaning: t('sleepEfficiencyMeaning'),
        points: nights.map((n) => ({ at: n.at, value: /** @type {number} */ (n.sleepEfficiency), note: hoursAndMinutes(n.totalSleepTime) })),
        min: 0,
        max: 100,
        valueText: (v) => formatPercent(v),
        columns: [t('colNight'), t('colEfficiency'), t('colSleep')],
      }),
    );
  }
  return charts;
}

/**
 * The sleep window from the last diary nights, for the sleep program's parts on sleep restriction.
 * @param {Schemas['Scores']['sleepWindow'] | undefined} window
 */
export function sleepWindowCard(window) {
  if (!window) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'sleep-window-title' },
    h('h2', { id: 'sleep-window-title' }, t('sleepWindowTitle')),
    h('p', { class: 'latest' }, t('sleepWindowLength', { time: hoursAndMinutes(window.minutes) })),
    h('p', {}, t('sleepWindowAverage', { n: window.nights, time: hoursAndMinutes(window.averageSleep) })),
    h('p', { class: 'muted' }, t('sleepWindowRule')),
  );
}

export async function progressView() {
  const [scores, checkins, instruments, program] = await Promise.all([api.get('/v1/me/scores'), api.get('/v1/me/checkins'), api.get('/v1/me/questionnaires'), api.get('/v1/me/program')]);
  const charts = progressCharts({ scores: scores.instruments, checkins: checkins.checkins, sleep: scores.sleep, instruments: instruments.instruments, contentLang: contentLangOf(program) });
  show(h('h1', {}, t('progressTitle')), h('p', {}, t('progressIntro')), sleepWindowCard(scores.sleepWindow), charts.length ? charts : h('p', {}, t('noScores')));
}
