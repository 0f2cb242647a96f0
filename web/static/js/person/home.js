// Home: what is due now (initial mapping, check-in, repeats), the next appointment,
// and every part with what is done, open, locked and still missing.
import { h, formatDateTime } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from './session.js';
import { show } from './shell.js';

/** A readable list of what a part still requires. */
export function describeMissing(missing, titles) {
  const parts = [
    ...missing.exercises.map((e) => t('missingExercise', { title: titles[e.id] ?? e.id, have: e.saved, need: e.required })),
    ...missing.questionnaires.map((q) => t('missingQuestionnaire', { title: titles[q] ?? q })),
  ];
  return parts;
}

function lockedText(reason) {
  if (!reason) return '';
  if (reason.code === 'start_questionnaires_due') return t('lockedBecause_start');
  if (reason.code === 'waiting_days') return t('lockedBecause_wait', { date: formatDateTime(reason.opensAt, lang()) });
  return t('lockedBecause_previous');
}

export async function homeView() {
  const [me, program, { instruments }] = await Promise.all([api.get('/v1/me'), api.get('/v1/me/program'), api.get('/v1/me/questionnaires')]);
  if (me.consent === null) {
    location.hash = '#/consent';
    return;
  }
  const dueItems = me.due.map((d) => {
    const href = d.kind === 'checkin' ? '#/checkin' : `#/questionnaire/${d.instrument}`;
    const label = d.kind === 'checkin' ? t('due_checkin') : d.kind === 'evaluation' ? t('due_evaluation') : t(`due_${d.kind}`, { title: instruments[d.instrument]?.title ?? d.instrument });
    return h('li', {}, h('a', { href, class: 'button' }, label));
  });
  const parts = program.sections.map((s) => {
    const missing = s.state === 'available' ? describeMissing(s.missing, {}) : [];
    return h(
      'li',
      {},
      h('h3', {}, s.state === 'locked' ? `${s.number}. ${s.title}` : h('a', { href: `#/section/${s.id}` }, `${s.number}. ${s.title}`)),
      h('p', {}, h('span', { class: `status status-${s.state}` }, t(`state_${s.state}`))),
      h('p', {}, s.summary),
      s.state === 'locked' ? h('p', { class: 'muted' }, lockedText(s.lockedReason)) : null,
      missing.length ? h('p', { class: 'muted' }, t('stillMissing', { what: missing.join('; ') })) : null,
    );
  });
  const { completed, total, percent } = program.progress;
  show(
    h('h1', {}, me.programTitle),
    me.nextAppointment ? h('p', { class: 'alert' }, t('nextAppointment', { date: formatDateTime(me.nextAppointment.at, lang()), kind: t(`kind_${me.nextAppointment.kind}`) })) : null,
    h('h2', {}, t('dueNow')),
    dueItems.length ? h('ul', { class: 'actions', role: 'list' }, dueItems) : h('p', {}, t('nothingDue')),
    h('h2', {}, t('parts')),
    h('p', { id: 'progress-label' }, t('progressLabel', { completed, total })),
    h('div', { class: 'progressbar', role: 'progressbar', 'aria-labelledby': 'progress-label', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent }, h('span', { style: undefined, 'data-percent': percent })),
    h('ol', { class: 'parts' }, parts),
  );
  // Width set from script, not inline style: the CSP allows no inline styles.
  const bar = /** @type {HTMLElement|null} */ (document.querySelector('.progressbar > span'));
  if (bar) bar.style.width = `${percent}%`;
}
