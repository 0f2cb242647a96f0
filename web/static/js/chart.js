// A small accessible line chart in plain SVG (no library, no network): values over
// time, drawn at the real pixel width of its container (so text is as large as the
// page's text, also at 200 %), dates on the axis, the latest value large above it in
// words, and the same data in a table below, so nothing depends on seeing the chart.
import { h, uid } from './dom.js';
import { t, formatNumber } from './i18n.js';
import { formatShortDate, formatDate, toDate } from './format.js';

const NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 */
function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Round tick values from lo to hi, about `count` of them.
 * @param {number} lo
 * @param {number} hi
 * @param {number} count
 */
export function ticks(lo, hi, count) {
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

/**
 * @typedef {{ at: string, value: number, note?: string }} Point
 * @typedef {{ points: Point[], min: number, max: number, valueText: (v: number) => string }} Series
 */

/**
 * Draws the chart into `holder` at `width` pixels.
 * @param {HTMLElement} holder
 * @param {number} width
 * @param {Series & { label: string }} series
 */
function draw(holder, width, { points, min, max, valueText, label }) {
  const font = parseFloat(getComputedStyle(holder).fontSize) || 16;
  const height = Math.round(Math.max(12 * font, Math.min(20 * font, width * 0.55)));
  const yTicks = ticks(min, max, height / (font * 3));
  const yLabelWidth = Math.max(...yTicks.map((v) => formatNumber(v).length)) * font * 0.62;
  const pad = { left: Math.ceil(yLabelWidth + font * 0.8), right: Math.ceil(font * 1.5), top: Math.ceil(font * 1.6), bottom: Math.ceil(font * 2.4) };
  const plotW = Math.max(10, width - pad.left - pad.right);
  const plotH = height - pad.top - pad.bottom;
  const times = points.map((p) => toDate(p.at).getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  /** @param {number} i */
  const x = (i) => pad.left + (t1 === t0 ? plotW / 2 : (((times[i] ?? t0) - t0) / (t1 - t0)) * plotW);
  /** @param {number} v */
  const y = (v) => pad.top + (1 - (v - min) / (max - min || 1)) * plotH;

  const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label, focusable: 'false' });
  chart.style.fontSize = `${font * 0.875}px`;
  for (const v of yTicks) {
    chart.append(
      svg('line', { class: v === min ? 'axis' : 'grid', x1: pad.left, x2: pad.left + plotW, y1: y(v), y2: y(v) }),
      svg('text', { x: pad.left - font * 0.4, y: y(v), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatNumber(v)),
    );
  }
  // As many dates as fit, always the first and the last.
  const fit = Math.max(1, Math.floor(plotW / (font * 5.5)));
  const every = Math.max(1, Math.ceil(points.length / fit));
  const shown = new Set(points.map((_, i) => i).filter((i) => i % every === 0));
  if (points.length > 1) {
    for (const i of [...shown]) if (i !== 0 && points.length - 1 - i < every) shown.delete(i);
    shown.add(points.length - 1);
  }
  for (const i of shown) {
    const anchor = points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle';
    chart.append(svg('text', { x: x(i), y: height - font * 0.7, 'text-anchor': anchor }, formatShortDate(points[i]?.at)));
  }
  if (points.length > 1) chart.append(svg('polyline', { class: 'line', points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ') }));
  points.forEach((p, i) => chart.append(svg('circle', { class: i === points.length - 1 ? 'dot latest' : 'dot', cx: x(i), cy: y(p.value), r: i === points.length - 1 ? font * 0.4 : font * 0.28 })));
  const last = points[points.length - 1];
  if (last) {
    const lx = x(points.length - 1);
    chart.append(svg('text', { class: 'value', x: lx, y: y(last.value) - font * 0.7, 'text-anchor': points.length === 1 ? 'middle' : 'end' }, valueText(last.value)));
  }
  holder.replaceChildren(chart);
}

/**
 * A chart card: heading, the latest value in words, what it means, the chart, and a table.
 * @param {Series & {
 *   title: string,
 *   titleLang?: string,
 *   latest: string,
 *   meaning?: Node | string | null,
 *   columns?: [string, string, string?],
 * }} options
 * @returns {HTMLElement}
 */
export function lineChart({ title, titleLang, latest, meaning, points, min, max, valueText, columns }) {
  const titleId = uid('chart');
  const first = points[0];
  const lastPoint = points[points.length - 1];
  const label = t('chartLabel', { title, n: points.length, from: formatDate(first?.at), to: formatDate(lastPoint?.at), latest });
  const holder = h('div', { class: 'chart-holder' });
  let width = 0;
  const redraw = () => {
    const next = Math.floor(holder.clientWidth);
    if (next > 0 && next !== width) {
      width = next;
      draw(holder, width, { points, min, max, valueText, label });
    }
  };
  new ResizeObserver(() => requestAnimationFrame(redraw)).observe(holder);
  const [dateCol, valueCol, noteCol] = columns ?? [t('colDate'), t('colValue')];
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, dateCol), h('th', { scope: 'col' }, valueCol), noteCol ? h('th', { scope: 'col' }, noteCol) : null)),
    h('tbody', {}, [...points].reverse().map((p) => h('tr', {}, h('td', {}, formatDate(p.at)), h('td', {}, valueText(p.value)), noteCol ? h('td', {}, p.note ?? '') : null))),
  );
  return h(
    'section',
    { class: 'card chart-card', 'aria-labelledby': titleId },
    h('h2', { id: titleId, lang: titleLang }, title),
    h('p', { class: 'latest' }, latest),
    meaning ? (typeof meaning === 'string' ? h('p', { class: 'meaning' }, meaning) : meaning) : null,
    h('figure', {}, holder),
    h('details', { class: 'chart-table' }, h('summary', {}, t('showTable', { n: points.length })), h('div', { class: 'table-wrap' }, table)),
  );
}
