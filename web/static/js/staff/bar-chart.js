// The staff pages' small accessible bar chart in plain SVG (no library, no network): one horizontal bar
// per row with its value written beside it, and the same data in a table below, so
// nothing depends on seeing the chart. A hidden value (k-anonymity) is drawn as no bar
// and written as a dash with a note.
import { h, uid } from '../dom.js';

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
 * @typedef {{ label: string, value: number | null, text: string }} Bar
 */

/**
 * A titled bar chart with its table.
 * @param {{ title: string, bars: Bar[], max?: number, columns: [string, string] }} options
 * @returns {HTMLElement}
 */
export function barChart({ title, bars, max, columns }) {
  const titleId = uid('bars');
  const top = max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  // One row per bar: its label, the bar, and its value in words. The table below says the same to a screen reader.
  const rows = h(
    'ol',
    { class: 'bar-rows', 'aria-hidden': 'true' },
    bars.map((b) => {
      const bar = svg('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none', class: 'bar-track', focusable: 'false' });
      if (b.value) bar.append(svg('rect', { class: 'bar', x: 0, y: 0, height: 10, width: Math.max(0.5, (100 * b.value) / top) }));
      return h('li', {}, h('span', { class: 'bar-label' }, b.label), bar, h('span', { class: 'bar-value' }, b.text));
    }),
  );
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, columns[0]), h('th', { scope: 'col' }, columns[1]))),
    h('tbody', {}, bars.map((b) => h('tr', {}, h('th', { scope: 'row' }, b.label), h('td', {}, b.text)))),
  );
  return h('section', { class: 'bar-figure', 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), rows, h('div', { class: 'table-wrap' }, table));
}
