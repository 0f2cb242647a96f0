// A code's follow-up view, made for a 20-minute call: flags first, what was done since
// the last call, scores and check-ins as charts, the goals for the coming week in the
// person's words, the next part, the parts, the next appointment, and
// opening the next part early. Without consent the server returns no data, and this
// view says so.
import { h, uid, replace } from '../dom.js';
import { t, has } from '../i18n.js';
import { ApiError } from '../api.js';
import { formatDateTime, formatAppointment } from '../format.js';
import { show, alertBox } from '../shell.js';
import { describeValue } from '../fields.js';
import { progressCharts, sleepWindowCard } from '../person/progress.js';
import { api } from './session.js';

/** @typedef {import('../../../types/client').Schemas} Schemas */
/** @typedef {import('../../../types/client').Field} Field */
/** @typedef {import('../../../types/client').Instrument} Instrument */

/** How many entries, and how many goals, the printed sheet shows (the newest). */
const printedLimit = 4;

/** @param {string} ref */
export async function followUpView(ref) {
  const since = sessionStorage.getItem(`mestring.since.${ref}`) ?? '';
  let data;
  try {
    data = await api.get('/v1/staff/codes/{ref}', { ref }, since ? `?since=${encodeURIComponent(since)}` : '');
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'consent_required') throw err;
    const { codes } = await api.get('/v1/staff/codes');
    const code = codes.find((c) => c.ref === ref);
    show(h('h1', {}, t('followUpTitle', { hint: code?.hint ?? '' })), alertBox(t('noConsent')), appointmentForm(ref, null), revokeButton(ref));
    return;
  }
  const detail = /** @type {any} */ (data);
  /** @type {Record<string, Instrument | undefined>} */
  const instruments = detail.instruments ?? {};
  /** @type {Record<string, { title: string, fields: Field[] } | undefined>} */
  const exercises = detail.exercises ?? {};

  // Without a date of their own choosing, the view starts from the last contact (the last
  // appointment that has passed, or the last flag handled).
  /** @type {string | null} */
  const lastContact = detail.lastContact ?? null;
  const from = since || (lastContact ? lastContact.slice(0, 10) : '');
  const sinceId = uid('since');
  const sinceInput = h('input', { id: sinceId, type: 'date', value: from });
  const sinceForm = h('form', { class: 'inline-form no-print' }, h('div', { class: 'field' }, h('label', { for: sinceId }, t('sinceLabel')), sinceInput), h('button', { type: 'submit', class: 'secondary' }, t('show')));
  sinceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(`mestring.since.${ref}`, sinceInput.value);
    followUpView(ref);
  });

  /** @type {Schemas['Flag'][]} */
  const flagList = detail.flags ?? [];
  /** @param {Schemas['Flag']} f */
  const handleButton = (f) =>
    h('button', {
      type: 'button', class: 'secondary no-print',
      onclick: async () => {
        await api.post('/v1/staff/codes/{ref}/flags/{id}/handled', { ref, id: f.id });
        followUpView(ref);
      },
    }, t('markHandled'));
  // Open flags first; handled ones say by whom and when.
  const ordered = [...flagList.filter((f) => !f.handled), ...flagList.filter((f) => f.handled)];
  const flags = flagList.length
    ? h('ul', { class: 'flags' }, ordered.map((f) => h(
        'li',
        { class: f.handled ? 'flag handled' : 'flag' },
        h('span', {}, t(`flag_${f.flag}`, { instrument: instruments[f.instrument]?.name ?? '', date: formatDateTime(f.at) })),
        ' ',
        f.handled ? h('span', { class: 'muted' }, t('handledBy', { by: f.handled.by, date: formatDateTime(f.handled.at) })) : handleButton(f),
      )))
    : h('p', {}, t('noFlags'));

  /** @type {Schemas['Entry'][]} */
  const entryList = (detail.entries ?? []).filter((/** @type {Schemas['Entry']} */ e) => since || !lastContact || e.updatedAt >= lastContact);
  // On paper, only the newest entries: the sheet beside the phone stays one page however
  // much the person wrote; the screen keeps them all.
  const printedEntries = new Set([...entryList].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, printedLimit));
  const entries = entryList.length
    ? h(
        'ul',
        { class: 'entries staff-entries' },
        entryList.map((e) => {
          const exercise = exercises[e.exerciseId];
          const fields = exercise?.fields ?? [];
          return h(
            'li',
            printedEntries.has(e) ? {} : { class: 'print-omit' },
            h('h3', {}, `${exercise?.title ?? ''} · ${formatDateTime(e.createdAt)}`),
            h('dl', { class: 'values' }, fields.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, describeValue(f, e.values[f.id]))])),
          );
        }),
      )
    : h('p', {}, t('noEntries'));
  const entriesOnScreen = entryList.length - printedEntries.size;

  /** @type {Schemas['ProgramState']['sections']} */
  const sectionList = detail.sections ?? [];
  const sections = h(
    'ol',
    { class: 'staff-parts' },
    sectionList.map((s) => h('li', { value: s.number }, h('span', {}, s.title), ' ', h('span', { class: `status status-${s.state}` }, t(`staffState_${s.state}`)))),
  );
  const charts = progressCharts({ scores: detail.scores, checkins: detail.checkins, sleep: detail.sleep, instruments, useNames: true });

  // The part to present at the end of the call: the one open now, or the next to open.
  const nextPart = sectionList.find((s) => s.state === 'available') ?? sectionList.find((s) => s.state === 'locked');
  // The call's agenda, in the order the weekly 20 minutes usually take.
  const agenda = h(
    'section',
    { 'aria-labelledby': 'agenda-title' },
    h('h2', { id: 'agenda-title' }, t('agendaTitle')),
    h('ol', { class: 'agenda' }, ['agendaWeek', 'agendaFlags', 'agendaWork', 'agendaScores', 'agendaGoals', 'agendaNext'].map((k) => h('li', {}, t(k)))),
  );
  // The goals and plans for the coming week, in the person's own words (fields the pack marks `goal`).
  /** @type {Schemas['WeeklyGoal'][]} */
  const goalList = detail.goals ?? [];
  const goals = h(
    'section',
    { 'aria-labelledby': 'goals-title' },
    h('h2', { id: 'goals-title' }, t('goalsTitle')),
    goalList.length
      ? h('ul', { class: 'goals' }, goalList.map((g, i) => h(
          'li',
          i < printedLimit ? {} : { class: 'print-omit' },
          h('p', { class: 'goal-question' }, g.label),
          h('p', { class: 'goal-text' }, g.text),
          h('p', { class: 'muted' }, t(g.sinceLastContact ? 'goalWritten' : 'goalEarlier', { date: formatDateTime(g.updatedAt) })),
        )))
      : h('p', {}, t('noGoals')),
    goalList.length > printedLimit ? h('p', { class: 'print-only' }, t('goalsOnScreenOnly', { n: goalList.length - printedLimit })) : null,
  );
  const next = nextPart
    ? h('section', { 'aria-labelledby': 'next-part-title' }, h('h2', { id: 'next-part-title' }, t('nextPartTitle')), h('p', {}, h('strong', {}, `${nextPart.number}. ${nextPart.title}`)), nextPart.summary ? h('p', {}, nextPart.summary) : null)
    : null;
  show(h(
    'div',
    { class: 'follow-up' },
    h('h1', {}, t('followUpTitle', { hint: detail.hint })),
    h('p', {}, t('progressLabel', { completed: detail.progress.completed, total: detail.progress.total })),
    detail.locale && has(`languageName_${detail.locale}`) ? h('p', {}, t('personLanguage', { language: t(`languageName_${detail.locale}`) })) : null,
    lastContact && !since ? h('p', {}, t('sinceLastContact', { date: formatDateTime(lastContact) })) : null,
    h('div', { class: 'actions no-print' }, h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('printFollowUp'))),
    agenda,
    h('section', { 'aria-labelledby': 'flags-title' }, h('h2', { id: 'flags-title' }, t('flagsTitle')), flags),
    h('section', { class: 'follow-up-entries', 'aria-labelledby': 'entries-title' }, h('h2', { id: 'entries-title' }, t('entriesTitle')), sinceForm, entries, entriesOnScreen > 0 ? h('p', { class: 'print-only' }, t('entriesOnScreenOnly', { n: entriesOnScreen })) : null),
    h('section', { 'aria-labelledby': 'scores-title' }, h('h2', { id: 'scores-title' }, t('scoresTitle')), sleepWindowCard(detail.sleepWindow), charts.length ? charts : h('p', {}, t('noScores'))),
    goals,
    next,
    // Not on paper: the sheet's first lines say how many parts are done, and "next part" names the one to present.
    h('section', { class: 'no-print', 'aria-labelledby': 'parts-title' }, h('h2', { id: 'parts-title' }, t('sectionsTitle')), sections),
    unlockForm(ref, sectionList.find((s) => s.state === 'locked')),
    appointmentForm(ref, detail.appointments?.[0] ?? null),
    endProgramButton(ref),
    revokeButton(ref),
  ));
}

/**
 * Opening the next part early, with a reason.
 * @param {string} ref
 * @param {Schemas['ProgramState']['sections'][number] | undefined} next
 */
function unlockForm(ref, next) {
  if (!next) return null;
  const reasonId = uid('reason');
  const status = h('div', { 'aria-live': 'polite' });
  const reason = h('input', { id: reasonId, type: 'text', required: true, 'aria-describedby': `${reasonId}-hint` });
  const form = h(
    'form',
    {},
    h('h2', {}, t('unlockTitle')),
    h('p', {}, `${next.number}. ${next.title}`),
    h('div', { class: 'field' }, h('label', { for: reasonId }, t('unlockReason')), h('p', { class: 'hint', id: `${reasonId}-hint` }, t('unlockReasonHint')), reason),
    status,
    h('button', { type: 'submit', class: 'secondary' }, t('unlock')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.post('/v1/staff/codes/{ref}/unlock', { ref }, { sectionId: next.id, reason: reason.value });
      replace(status, alertBox(t('unlocked'), 'success'));
    } catch (err) {
      replace(status, alertBox(err instanceof Error ? err.message : t('errorGeneric'), 'error'));
    }
  });
  return form;
}

/**
 * The next appointment: shown, set or deleted.
 * @param {string} ref
 * @param {Schemas['Appointment'] | null} current
 */
function appointmentForm(ref, current) {
  const atId = uid('at');
  const kindId = uid('kind');
  const status = h('div', { 'aria-live': 'polite' });
  const existing = current
    ? h(
        'p',
        {},
        t('nextAppointment', { date: formatAppointment(current.at), kind: t(`kind_${current.kind}`) }),
        ' ',
        h('button', { type: 'button', class: 'link', onclick: async () => { await api.del('/v1/staff/codes/{ref}/appointments/{id}', { ref, id: current.id }); followUpView(ref); } }, t('deleteAppointment')),
      )
    : h('p', {}, t('noAppointment'));
  const at = h('input', { id: atId, type: 'datetime-local', required: true });
  const kind = h('select', { id: kindId }, ['phone', 'video', 'in_person'].map((k) => h('option', { value: k }, t(`kind_${k}`))));
  const form = h(
    'form',
    {},
    h('h2', {}, t('appointmentTitle')),
    existing,
    h('div', { class: 'field' }, h('label', { for: atId }, t('appointmentAt')), at),
    h('div', { class: 'field' }, h('label', { for: kindId }, t('appointmentKind')), kind),
    status,
    h('button', { type: 'submit', class: 'secondary' }, t('setAppointment')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.post('/v1/staff/codes/{ref}/appointments', { ref }, { at: new Date(at.value).toISOString(), kind: /** @type {'phone' | 'video' | 'in_person'} */ (kind.value) });
      followUpView(ref);
    } catch (err) {
      replace(status, alertBox(err instanceof Error ? err.message : t('errorGeneric'), 'error'));
    }
  });
  return form;
}

/** @param {string} ref */
function revokeButton(ref) {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'danger' }, t('revoke'));
  button.addEventListener('click', async () => {
    if (!window.confirm(t('revokeConfirm'))) return;
    await api.post('/v1/staff/codes/{ref}/revoke', { ref });
    replace(status, alertBox(t('revoked'), 'success'));
    button.remove();
  });
  return h('div', { class: 'actions' }, button, status);
}

/**
 * Ending the program for the person (they keep access and are asked for the end
 * evaluation at their next login), unlike stopping the code.
 * @param {string} ref
 */
function endProgramButton(ref) {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary' }, t('endProgram'));
  button.addEventListener('click', async () => {
    if (!window.confirm(t('endProgramConfirm'))) return;
    await api.post('/v1/staff/codes/{ref}/stop', { ref });
    replace(status, alertBox(t('programEnded'), 'success'));
    button.remove();
  });
  return h('div', { class: 'actions' }, button, status);
}
