// My progress: each questionnaire's scores over time, the check-in ratings over time,
// and sleep efficiency for a sleep diary - as charts with the same data in tables.
import { h, formatDateTime } from '../dom.js';
import { t, lang } from '../i18n.js';
import { lineChart } from '../chart.js';
import { api } from './session.js';
import { show } from './shell.js';

/** Charts for scores, check-ins and sleep; shared with the professional's follow-up view. */
export function progressCharts({ scores, checkins, sleep, instruments, useNames = false }) {
  const charts = [];
  for (const [id, points] of Object.entries(scores ?? {})) {
    const usable = /** @type {any[]} */ (points).filter((p) => typeof p.total === 'number');
    if (!usable.length) continue;
    const instrument = instruments?.[id];
    const title = t('chartOf', { title: (useNames ? instrument?.name : instrument?.title) ?? id });
    const bands = new Map(usable.map((p) => [p.at, p.band]));
    const bandLabel = (at) => instrument?.scoring?.total?.bands?.find((b) => b.id === bands.get(at))?.label;
    charts.push(lineChart({ title, points: usable.map((p) => ({ at: p.at, value: p.total })), min: 0, label: (p) => `${formatDateTime(p.at, lang(), false)}: ${p.value}${bandLabel(p.at) ? ` (${bandLabel(p.at)})` : ''}` }));
  }
  const checkinItems = instruments?.checkin?.items ?? [];
  for (const item of checkinItems) {
    const points = (checkins ?? []).filter((c) => typeof c.ratings[item.id] === 'number').map((c) => ({ at: c.createdAt, value: c.ratings[item.id] }));
    if (!points.length) continue;
    charts.push(lineChart({ title: item.text, points, min: 0, max: 10, label: (p) => `${formatDateTime(p.at, lang(), false)}: ${p.value}` }));
  }
  const nights = (sleep ?? []).filter((n) => typeof n.sleepEfficiency === 'number');
  if (nights.length) {
    charts.push(lineChart({ title: t('sleepEfficiency'), points: nights.map((n) => ({ at: n.at, value: n.sleepEfficiency })), min: 0, max: 100, label: (p) => `${formatDateTime(p.at, lang(), false)}: ${p.value} %` }));
  }
  return charts;
}

/** "6 t 15 min" / "6 h 15 min". */
export function hoursAndMinutes(minutes) {
  return t('hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** The sleep window from the last diary nights, for the sleep program's parts on sleep restriction. */
export function sleepWindowCard(window) {
  if (!window) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'sleep-window-title' },
    h('h2', { id: 'sleep-window-title' }, t('sleepWindowTitle')),
    h('p', {}, t('sleepWindowAverage', { n: window.nights, time: hoursAndMinutes(window.averageSleep) })),
    h('p', {}, h('strong', {}, t('sleepWindowLength', { time: hoursAndMinutes(window.minutes) }))),
    h('p', { class: 'muted' }, t('sleepWindowRule')),
  );
}

export async function progressView() {
  const [scores, checkins, instruments] = await Promise.all([api.get('/v1/me/scores'), api.get('/v1/me/checkins'), api.get('/v1/me/questionnaires')]);
  const charts = progressCharts({ scores: scores.instruments, checkins: checkins.checkins, sleep: scores.sleep, instruments: instruments.instruments });
  show(h('h1', {}, t('progressTitle')), sleepWindowCard(scores.sleepWindow), charts.length ? charts : h('p', {}, t('noScores')));
}
