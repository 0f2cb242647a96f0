// The service's figures: the outcome report for a period and a program, as a table of
// figures, a bar chart of parts completed (where people stop) and bar charts of the
// outcomes by program, each with its table; hidden small numbers are shown as a dash and
// explained. The same report downloads as CSV.
import { h, uid, replace } from '../dom.js';
import { t } from '../i18n.js';
import { formatPercent } from '../format.js';
import { show, alertBox } from '../shell.js';
import { barChart } from './bar-chart.js';
import { api } from './session.js';

/** @typedef {import('../../../types/client').Schemas} Schemas */
/** @typedef {Schemas['OutcomeReport']} Report */

const dash = '–';
/** @param {number | null} n */
const count = (n) => (n === null ? dash : String(n));
/** @param {number | null} rate */
const percent = (rate) => (rate === null ? dash : formatPercent(rate * 100));

/** The period asked for by default: the last twelve months up to today. */
function defaultPeriod() {
  const to = new Date();
  const from = new Date(to);
  from.setFullYear(to.getFullYear() - 1);
  /** @param {Date} d */
  const day = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { from: day(from), to: day(to) };
}

/** @param {{ from: string, to: string, program?: string, format?: string }} q */
const queryOf = (q) => `?${new URLSearchParams(Object.entries(q).filter(([, v]) => v)).toString()}`;

/**
 * The figures of one report as a table.
 * @param {Report} r
 */
function figuresTable(r) {
  /** @type {[string, number | null, number | null | undefined][]} */
  const rows = [
    [t('reportIssued'), r.codes.issued, undefined],
    [t('reportActivated'), r.codes.activated, undefined],
    [t('reportWithConsent'), r.codes.withConsent, undefined],
    [t('reportWithoutConsent'), r.codes.withoutConsent, undefined],
    [t('reportFinished'), r.finished, undefined],
    [t('reportCases'), r.casesAtStart, undefined],
    [t('reportImprovement'), r.reliableImprovement.count, r.reliableImprovement.rate],
    [t('reportDeterioration'), r.reliableDeterioration.count, r.reliableDeterioration.rate],
    [t('reportRecovery'), r.recovery.count, r.recovery.rate],
    [t('reportReliableRecovery'), r.reliableRecovery.count, r.reliableRecovery.rate],
    [t('reportEvaluationAnswered'), r.evaluation.answered, undefined],
    [t('reportEvaluationCompleted'), r.evaluation.completedProgram, undefined],
    [t('reportEvaluationBetter'), r.evaluation.betterOrMuchBetter, undefined],
    [t('reportEvaluationWorse'), r.evaluation.worseOrMuchWorse, undefined],
  ];
  const titleId = uid('figures');
  return h(
    'section',
    { 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('reportFiguresCaption')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
      'table',
      { class: 'figures' },
      h('caption', { class: 'visually-hidden' }, t('reportFiguresCaption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reportColFigure')), h('th', { scope: 'col' }, t('reportColCount')), h('th', { scope: 'col' }, t('reportColRate')))),
      h('tbody', {}, rows.map(([label, n, rate]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, count(n)), h('td', {}, rate === undefined ? '' : percent(rate))))),
      ),
    ),
  );
}

/**
 * @param {Report} r
 * @param {Schemas['StaffPrograms']['programs']} programs
 * @param {Map<string, Report>} byProgram
 */
function reportBody(r, programs, byProgram) {
  const parts = [];
  if (r.suppressed.length) parts.push(alertBox(t('reportHiddenNote', { k: r.k }), 'info'));
  parts.push(figuresTable(r));
  if (r.funnel.length) {
    parts.push(barChart({
      title: t('reportFunnelTitle'),
      bars: r.funnel.map((s) => ({ label: s.title, value: s.completed, text: count(s.completed) })),
      max: r.codes.withConsent ?? undefined,
      columns: [t('reportColPart'), t('reportColCompleted')],
    }));
  }
  if (byProgram.size) {
    const titleOf = (/** @type {string} */ id) => programs.find((p) => p.id === id)?.title ?? id;
    for (const [key, title] of /** @type {const} */ ([['reliableImprovement', 'reportImprovementByProgram'], ['reliableRecovery', 'reportRecoveryByProgram']])) {
      parts.push(barChart({
        title: t(title),
        bars: [...byProgram].map(([id, p]) => ({ label: titleOf(id), value: p[key].rate === null ? null : p[key].rate * 100, text: p[key].count === null ? dash : `${percent(p[key].rate)} (${p[key].count})` })),
        max: 100,
        columns: [t('programLabel'), t('reportColRate')],
      }));
    }
  }
  return parts;
}

export async function reportView() {
  const { programs } = await api.get('/v1/staff/programs');
  const period = defaultPeriod();
  const ids = { from: uid('from'), to: uid('to'), program: uid('program') };
  const result = h('div', { 'aria-live': 'polite' });
  const download = h('a', { class: 'button secondary', href: '#', download: '' }, t('reportDownload'));
  const form = h(
    'form',
    { class: 'report-form' },
    h('div', { class: 'field' }, h('label', { for: ids.from }, t('reportFrom')), h('input', { id: ids.from, type: 'date', value: period.from, required: true })),
    h('div', { class: 'field' }, h('label', { for: ids.to }, t('reportTo')), h('input', { id: ids.to, type: 'date', value: period.to, required: true })),
    h('div', { class: 'field' }, h('label', { for: ids.program }, t('programLabel')), h('select', { id: ids.program }, h('option', { value: '' }, t('reportAllPrograms')), programs.map((p) => h('option', { value: p.id }, p.title)))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('reportShow'))),
  );
  /** @param {string} id */
  const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value;
  const load = async () => {
    const q = { from: value(ids.from), to: value(ids.to), program: value(ids.program) };
    try {
      const report = await api.get('/v1/staff/reports/outcomes', {}, queryOf(q));
      // Outcomes by program: one report per program (each with its own hidden cells).
      const byProgram = new Map();
      if (!q.program) {
        for (const p of programs) byProgram.set(p.id, await api.get('/v1/staff/reports/outcomes', {}, queryOf({ ...q, program: p.id })));
      }
      download.setAttribute('href', `/v1/staff/reports/outcomes${queryOf({ ...q, format: 'csv' })}`);
      replace(result, ...reportBody(report, programs, byProgram), h('div', { class: 'actions' }, download));
    } catch (err) {
      replace(result, alertBox(err instanceof Error ? err.message : t('errorGeneric'), 'error'));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  show(h('h1', {}, t('reportTitle')), h('p', {}, t('reportIntro')), form, result);
  await load();
}
