// A small accessible line chart in plain SVG (no library, no network): values over
// time, with a text alternative in a table so nothing depends on seeing the chart.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * @param {{ title: string, points: { at: string, value: number }[], min?: number, max?: number, label: (p: { at: string, value: number }) => string }} options
 * @returns {HTMLElement} a figure with the chart and a table of the same data
 */
export function lineChart({ title, points, min, max, label }) {
  const width = 600;
  const height = 220;
  const pad = { left: 40, right: 16, top: 16, bottom: 36 };
  const values = points.map((p) => p.value);
  const lo = min ?? Math.min(0, ...values);
  const hi = max ?? Math.max(1, ...values);
  const x = (i) => pad.left + (points.length <= 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v) => pad.top + (1 - (v - lo) / (hi - lo || 1)) * (height - pad.top - pad.bottom);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title, focusable: 'false' });
  chart.append(
    svg('line', { class: 'axis', x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }),
    svg('line', { class: 'axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom }),
    svg('text', { x: pad.left - 6, y: y(hi) + 4, 'text-anchor': 'end' }, String(hi)),
    svg('text', { x: pad.left - 6, y: y(lo) + 4, 'text-anchor': 'end' }, String(lo)),
  );
  if (points.length > 1) chart.append(svg('polyline', { class: 'line', points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ') }));
  points.forEach((p, i) => {
    chart.append(svg('circle', { class: 'dot', cx: x(i), cy: y(p.value), r: 5 }));
    chart.append(svg('text', { x: x(i), y: y(p.value) - 9, 'text-anchor': 'middle' }, String(p.value)));
  });
  const table = h('table', {}, h('caption', { class: 'visually-hidden' }, title), h('tbody', {}, points.map((p) => h('tr', {}, h('td', {}, label(p))))));
  return h('figure', {}, h('figcaption', {}, h('strong', {}, title)), chart, h('details', {}, h('summary', {}, '▸ ' + title), h('div', { class: 'table-wrap' }, table)));
}
