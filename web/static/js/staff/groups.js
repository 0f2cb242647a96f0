// Group courses: the service's groups, a new group (program, a name for the course, start,
// a part every N days or a date for each part, meeting times), and one group: its schedule and meetings, its codes
// one by one (progress only with consent), the consenting members' progress together
// (numbers under 5 hidden), and a sheet of new code cards to print.
import { h, uid, replace } from '../dom.js';
import { t } from '../i18n.js';
import { formatDate, formatDateTime } from '../format.js';
import { show, alertBox } from '../shell.js';
import { barChart } from './bar-chart.js';
import { ApiError } from '../api.js';
import { api } from './session.js';

/** @typedef {import('../../../types/client').Schemas} Schemas */

export async function groupsView() {
  const [{ groups }, { programs }] = await Promise.all([api.get('/v1/staff/groups'), api.get('/v1/staff/programs')]);
  const titles = Object.fromEntries(programs.map((p) => [p.id, p.title]));
  const list = groups.length
    ? h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h('caption', { class: 'visually-hidden' }, t('groupsTitle')),
          h('thead', {}, h('tr', {}, ['groupName', 'programLabel', 'groupStart', 'groupMembers'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, groups.map((g) => h('tr', {}, h('td', {}, h('a', { href: `#/groups/${g.ref}` }, g.name)), h('td', {}, titles[g.programId] ?? g.programId), h('td', {}, formatDate(g.startDate)), h('td', {}, String(g.members))))),
        ),
      )
    : h('p', {}, t('noGroups'));

  const ids = { program: uid('program'), name: uid('name'), start: uid('start'), every: uid('every'), datesHint: uid('dates-hint') };
  // The schedule: a new part every N days, or a date of its own for each part (blank: no date).
  const every = h('div', { class: 'field' }, h('label', { for: ids.every }, t('groupEvery')), h('input', { id: ids.every, type: 'number', min: 1, max: 90, value: 7, required: true, inputmode: 'numeric' }));
  const dates = h('fieldset', { class: 'field', hidden: true, 'aria-describedby': ids.datesHint }, h('legend', {}, t('groupSchedule')));
  /** @param {string} programId */
  const partDates = (programId) => {
    const program = programs.find((p) => p.id === programId);
    replace(
      dates,
      h('legend', {}, t('groupSchedule')),
      h('p', { class: 'hint', id: ids.datesHint }, t('groupDatesHint')),
      (program?.sections ?? []).map((part) => {
        const id = uid('part-date');
        return h('div', { class: 'field' }, h('label', { for: id }, t('groupPartDate', { n: part.number, title: part.title })), h('input', { id, type: 'date', class: 'part-date', 'data-part': part.id }));
      }),
    );
  };
  partDates(programs[0]?.id ?? '');
  /** @param {boolean} byDate */
  const chooseKind = (byDate) => {
    every.hidden = byDate;
    /** @type {HTMLInputElement} */ (every.querySelector('input')).disabled = byDate;
    dates.hidden = !byDate;
  };
  const kind = h(
    'fieldset',
    { class: 'field' },
    h('legend', {}, t('groupScheduleKind')),
    h(
      'div',
      { class: 'choices' },
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'schedule-kind', value: 'every', checked: true, onchange: () => chooseKind(false) }), h('span', {}, t('groupScheduleEvery'))),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'schedule-kind', value: 'dates', onchange: () => chooseKind(true) }), h('span', {}, t('groupScheduleDates'))),
    ),
  );
  const meetings = h('div', { class: 'meetings' });
  const addMeeting = () => {
    const id = uid('meeting');
    meetings.append(h('div', { class: 'field' }, h('label', { for: id }, t('groupMeeting', { n: meetings.children.length + 1 })), h('input', { id, type: 'datetime-local', class: 'meeting' })));
  };
  addMeeting();
  const error = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    {},
    h('div', { class: 'field' }, h('label', { for: ids.program }, t('programLabel')), h('select', { id: ids.program, onchange: (/** @type {Event} */ e) => partDates(/** @type {HTMLSelectElement} */ (e.target).value) }, programs.map((p) => h('option', { value: p.id }, p.title)))),
    h('div', { class: 'field' }, h('label', { for: ids.name }, t('groupName')), h('p', { class: 'hint', id: `${ids.name}-hint` }, t('groupNameHint')), h('input', { id: ids.name, type: 'text', required: true, maxlength: 100, 'aria-describedby': `${ids.name}-hint` })),
    h('div', { class: 'field' }, h('label', { for: ids.start }, t('groupStart')), h('input', { id: ids.start, type: 'date', required: true })),
    kind,
    every,
    dates,
    h('fieldset', {}, h('legend', {}, t('groupMeetings')), meetings, h('button', { type: 'button', class: 'link', onclick: addMeeting }, t('groupAddMeeting'))),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('groupCreate'))),
  );
  /** @param {string} id */
  const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const times = [...form.querySelectorAll('input.meeting')].map((i) => /** @type {HTMLInputElement} */ (i).value).filter(Boolean).map((v) => new Date(v).toISOString());
    /** @type {Schemas['GroupSchedule']} */
    let schedule = { everyDays: Number(value(ids.every)) };
    if (!dates.hidden) {
      const chosen = [...dates.querySelectorAll('input.part-date')].map((i) => /** @type {HTMLInputElement} */ (i)).filter((i) => i.value);
      if (!chosen.length) {
        replace(error, alertBox(t('groupDatesNone'), 'error'));
        /** @type {HTMLInputElement | null} */ (dates.querySelector('input.part-date'))?.focus();
        return;
      }
      schedule = { dates: Object.fromEntries(chosen.map((i) => [i.dataset.part ?? '', i.value])) };
    }
    try {
      const group = await api.post('/v1/staff/groups', {}, { programId: value(ids.program), name: value(ids.name), startDate: value(ids.start), schedule, meetings: times });
      location.hash = `#/groups/${group.ref}`;
    } catch (err) {
      replace(error, alertBox(err instanceof Error ? err.message : t('errorGeneric'), 'error'));
    }
  });
  show(h('h1', {}, t('groupsTitle')), list, h('h2', {}, t('groupNew')), form);
}

/** @param {string} ref */
export async function groupView(ref) {
  const [{ group, members, aggregate }, { programs }] = await Promise.all([api.get('/v1/staff/groups/{ref}', { ref }), api.get('/v1/staff/programs')]);
  const program = programs.find((p) => p.id === group.programId);
  const countId = uid('count');
  const sheet = h('div', { 'aria-live': 'polite' });
  const issue = h(
    'form',
    { class: 'inline-form no-print' },
    h('div', { class: 'field' }, h('label', { for: countId }, t('groupCodesCount')), h('input', { id: countId, type: 'number', min: 1, max: 50, value: 1, required: true, inputmode: 'numeric' })),
    h('button', { type: 'submit', class: 'primary' }, t('groupIssue')),
  );
  issue.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { codes } = await api.post('/v1/staff/groups/{ref}/codes', { ref }, { count: Number(/** @type {HTMLInputElement} */ (issue.querySelector(`#${countId}`)).value) });
      replace(
        sheet,
        h('p', { class: 'alert warning no-print', role: 'status' }, t('codeCardOnce')),
        h('ul', { class: 'code-sheet' }, codes.map((c) => h('li', { class: 'code-card' }, h('p', { class: 'card-program' }, program?.title ?? ''), h('p', { class: 'code-value' }, c.code), h('p', { class: 'card-where' }, t('codeCardWhere', { url: `${location.host}/` }))))),
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('groupPrintSheet'))),
      );
    } catch (err) {
      replace(sheet, alertBox(err instanceof ApiError && err.code === 'quota_exhausted' ? t('quotaExhausted') : t('errorGeneric'), 'error'));
    }
  });
  const dash = '–';
  const schedule = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, t('groupSchedule')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reportColPart')), h('th', { scope: 'col' }, t('groupOpens')))),
      h('tbody', {}, aggregate.sections.map((s) => h('tr', {}, h('th', { scope: 'row' }, s.title), h('td', {}, group.openDates[s.sectionId] ? formatDate(group.openDates[s.sectionId]) : dash)))),
    ),
  );
  const memberRows = members.map((m) =>
    h('tr', {}, h('td', {}, m.consent ? h('a', { href: `#/codes/${m.ref}` }, `…${m.hint}`) : `…${m.hint}`), h('td', {}, t(`status_${m.status}`)), h('td', {}, m.consent === true ? t('consentYesShort') : m.consent === false ? t('consentNoShort') : t('consentUnknown')), h('td', {}, m.progress ? t('progressLabel', { completed: m.progress.completed, total: m.progress.total }) : t('progressNotShared'))),
  );
  show(
    h('h1', {}, group.name),
    h('p', {}, t('groupSummary', { program: program?.title ?? group.programId, start: formatDate(group.startDate) })),
    h('h2', {}, t('groupSchedule')),
    h('p', {}, 'everyDays' in group.schedule ? t('groupShownEvery', { n: group.schedule.everyDays }) : t('groupShownDates')),
    schedule,
    h('h2', {}, t('groupMeetings')),
    group.meetings.length ? h('ul', {}, group.meetings.map((m) => h('li', {}, formatDateTime(m)))) : h('p', {}, t('groupNoMeetings')),
    h('h2', {}, t('groupMembersTitle')),
    members.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h('table', {}, h('caption', { class: 'visually-hidden' }, t('groupMembersTitle')), h('thead', {}, h('tr', {}, ['colHint', 'colStatus', 'colConsent', 'colProgress'].map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, memberRows)),
        )
      : h('p', {}, t('groupNoMembers')),
    aggregate.suppressed.length ? alertBox(t('reportHiddenNote', { k: aggregate.k }), 'info') : null,
    barChart({
      title: t('groupTogether'),
      bars: aggregate.sections.map((s) => ({ label: s.title, value: s.completed, text: s.completed === null ? dash : String(s.completed) })),
      max: aggregate.withConsent ?? undefined,
      columns: [t('reportColPart'), t('reportColCompleted')],
    }),
    h('h2', { class: 'no-print' }, t('groupCodesTitle')),
    issue,
    sheet,
  );
}
