// A code's follow-up view, made for a 20-minute call: flags first, what was done since
// the last call, scores and check-ins as charts, the parts, the next appointment, and
// opening the next part early. Without consent the server returns no data, and this
// view says so.
import { h, uid, formatDateTime, replace } from '../dom.js';
import { t, lang } from '../i18n.js';
import { show, alertBox } from '../person/shell.js';
import { describeValue } from '../fields.js';
import { progressCharts, sleepWindowCard } from '../person/progress.js';
import { api } from './session.js';

export async function followUpView(ref) {
  const since = sessionStorage.getItem(`mestring.since.${ref}`) ?? '';
  let data;
  try {
    data = await api.get(`/v1/staff/codes/${encodeURIComponent(ref)}${since ? `?since=${encodeURIComponent(since)}` : ''}`);
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (e.code !== 'consent_required') throw err;
    const { codes } = await api.get('/v1/staff/codes');
    const code = codes.find((c) => c.ref === ref);
    show(h('h1', {}, t('followUpTitle', { hint: code?.hint ?? '' })), alertBox(t('noConsent')), appointmentForm(ref, null), revokeButton(ref));
    return;
  }

  const sinceId = uid('since');
  const sinceForm = h('form', {}, h('div', { class: 'field' }, h('label', { for: sinceId }, t('sinceLabel')), h('input', { id: sinceId, type: 'date', value: since })), h('button', { type: 'submit', class: 'secondary' }, t('show')));
  sinceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(`mestring.since.${ref}`, /** @type {HTMLInputElement} */ (sinceForm.querySelector('input')).value);
    followUpView(ref);
  });

  const flags = data.flags.length
    ? h('ul', {}, data.flags.map((f) => h('li', { class: 'error-text' }, t(`flag_${f.flag}`, { instrument: data.instruments?.[f.instrument]?.name ?? f.instrument, date: formatDateTime(f.at, lang()) }))))
    : h('p', {}, t('noFlags'));

  const exercises = data.exercises ?? {};
  const entries = data.entries.length
    ? h(
        'ul',
        { class: 'entries' },
        data.entries.map((e) => {
          const exercise = exercises[e.exerciseId];
          const fields = exercise?.fields ?? Object.keys(e.values).map((id) => ({ id, label: id, type: 'text' }));
          return h(
            'li',
            {},
            h('h3', {}, `${exercise?.title ?? e.exerciseId} (${formatDateTime(e.createdAt, lang())})`),
            h('dl', { class: 'values' }, fields.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, describeValue(f, e.values[f.id]))])),
          );
        }),
      )
    : h('p', {}, t('noEntries'));

  const sections = h('ol', { class: 'parts' }, data.sections.map((s) => h('li', {}, h('strong', {}, `${s.number}. ${s.title}`), ' ', h('span', { class: `status status-${s.state}` }, t(`state_${s.state}`)))));
  const charts = progressCharts({ scores: data.scores, checkins: data.checkins, sleep: data.sleep, instruments: data.instruments, useNames: true });

  show(
    h('h1', {}, t('followUpTitle', { hint: data.hint })),
    h('p', {}, t('progressLabel', { completed: data.progress.completed, total: data.progress.total })),
    h('h2', {}, t('flagsTitle')),
    flags,
    h('h2', {}, t('entriesTitle')),
    sinceForm,
    entries,
    h('h2', {}, t('scoresTitle')),
    sleepWindowCard(data.sleepWindow),
    charts.length ? charts : h('p', {}, t('noScores')),
    h('h2', {}, t('sectionsTitle')),
    sections,
    unlockForm(ref, data.sections.find((s) => s.state === 'locked')),
    appointmentForm(ref, data.appointments?.[0] ?? null),
    revokeButton(ref),
  );
}

function unlockForm(ref, next) {
  if (!next) return null;
  const reasonId = uid('reason');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {},
    h('h2', {}, t('unlockTitle')),
    h('p', {}, `${next.number}. ${next.title}`),
    h('div', { class: 'field' }, h('label', { for: reasonId }, t('unlockReason')), h('p', { class: 'hint', id: `${reasonId}-hint` }, t('unlockReasonHint')), h('input', { id: reasonId, type: 'text', required: true, 'aria-describedby': `${reasonId}-hint` })),
    status,
    h('button', { type: 'submit', class: 'secondary' }, t('unlock')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.post(`/v1/staff/codes/${ref}/unlock`, { sectionId: next.id, reason: /** @type {HTMLInputElement} */ (form.querySelector('input')).value });
      replace(status, alertBox(t('unlocked'), 'success'));
    } catch (err) {
      replace(status, alertBox(/** @type {Error} */ (err).message, 'error'));
    }
  });
  return form;
}

function appointmentForm(ref, current) {
  const atId = uid('at');
  const kindId = uid('kind');
  const status = h('div', { 'aria-live': 'polite' });
  const existing = current
    ? h(
        'p',
        {},
        t('nextAppointment', { date: formatDateTime(current.at, lang()), kind: t(`kind_${current.kind}`) }),
        ' ',
        h('button', { type: 'button', class: 'link', onclick: async () => { await api.del(`/v1/staff/codes/${ref}/appointments/${current.id}`); followUpView(ref); } }, t('deleteAppointment')),
      )
    : h('p', {}, t('noAppointment'));
  const form = h(
    'form',
    {},
    h('h2', {}, t('appointmentTitle')),
    existing,
    h('div', { class: 'field' }, h('label', { for: atId }, t('appointmentAt')), h('input', { id: atId, type: 'datetime-local', required: true })),
    h('div', { class: 'field' }, h('label', { for: kindId }, t('appointmentKind')), h('select', { id: kindId }, ['phone', 'video', 'in_person'].map((k) => h('option', { value: k }, t(`kind_${k}`))))),
    status,
    h('button', { type: 'submit', class: 'secondary' }, t('setAppointment')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const at = /** @type {HTMLInputElement} */ (form.querySelector(`#${atId}`)).value;
    try {
      await api.post(`/v1/staff/codes/${ref}/appointments`, { at: new Date(at).toISOString(), kind: /** @type {HTMLSelectElement} */ (form.querySelector('select')).value });
      followUpView(ref);
    } catch (err) {
      replace(status, alertBox(/** @type {Error} */ (err).message, 'error'));
    }
  });
  return form;
}

function revokeButton(ref) {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'danger' }, t('revoke'));
  button.addEventListener('click', async () => {
    if (!window.confirm(t('revokeConfirm'))) return;
    await api.post(`/v1/staff/codes/${ref}/revoke`);
    replace(status, alertBox(t('revoked'), 'success'));
    button.remove();
  });
  return h('div', { class: 'actions' }, button, status);
}
