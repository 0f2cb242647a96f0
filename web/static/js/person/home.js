// Home: always the next thing to do, as one primary button (the initial mapping, the
// current part, the end measurement, or when the next part opens); what else is due
// today; the progress; then the current part large, finished parts as a short list and
// the rest folded away ("6 deler til").
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { formatLongDay, formatAppointment } from '../format.js';
import { api } from './session.js';
import { show } from '../shell.js';
import { contentLangOf, contentLanguageNote } from './content-language.js';
import { followServerLanguage } from './language.js';

/** @typedef {import('../../../types/client').Schemas} Schemas */
/** @typedef {Schemas['ProgramState']['sections'][number]} SectionState */
/** @typedef {{ exercises: { id: string, required: number, saved: number }[], questionnaires: string[] }} Missing */

/**
 * What a part still requires, in words, with the exercises' and questionnaires' titles.
 * @param {Missing | undefined} missing
 * @param {Record<string, string>} titles exercise and questionnaire ids to titles
 * @returns {string[]}
 */
export function describeMissing(missing, titles) {
  if (!missing) return [];
  return [
    ...missing.exercises.map((e) => {
      const title = titles[e.id];
      if (!title) return e.required > 1 ? t('missingAnExerciseMany', { n: e.required, have: e.saved }) : t('missingAnExercise');
      return e.required > 1 ? t('missingExerciseMany', { title, n: e.required, have: e.saved }) : t('missingExercise', { title });
    }),
    ...missing.questionnaires.map((q) => (titles[q] ? t('missingQuestionnaire', { title: titles[q] }) : t('missingAQuestionnaire'))),
  ];
}

/**
 * Why a part is locked, in words.
 * @param {SectionState['lockedReason']} reason
 */
export function lockedText(reason) {
  const r = /** @type {{ code?: string, opensAt?: string } | null | undefined} */ (reason);
  if (r?.code === 'start_questionnaires_due') return t('lockedBecause_start');
  if ((r?.code === 'waiting_days' || r?.code === 'scheduled') && r.opensAt) return t('lockedBecause_wait', { date: formatLongDay(r.opensAt) });
  return t('lockedBecause_previous');
}

/**
 * The link to a questionnaire, remembering to come back home.
 * @param {string} instrument
 */
const questionnaireHref = (instrument) => (instrument === 'checkin' ? '#/checkin' : `#/questionnaire/${instrument}`);

/**
 * @param {Schemas['Me']['due'][number]} due
 * @param {Record<string, { title: string }>} instruments
 */
function dueLabel(due, instruments) {
  const title = instruments[due.instrument]?.title ?? '';
  if (due.kind === 'checkin') return t('due_checkin');
  if (due.kind === 'evaluation') return t('due_evaluation');
  return title ? t(`due_${due.kind}`, { title }) : t(`due_${due.kind}_untitled`);
}

export async function homeView() {
  const [me, program, { instruments }] = await Promise.all([api.get('/v1/me'), api.get('/v1/me/program'), api.get('/v1/me/questionnaires')]);
  if (me.consent === null) {
    location.hash = '#/consent';
    return;
  }
  if (await followServerLanguage(me)) return;
  const lang = contentLangOf(program);
  const sections = program.sections;
  const current = sections.find((s) => s.state === 'available');
  const completed = sections.filter((s) => s.state === 'completed');
  const rest = sections.filter((s) => s.state === 'locked');
  const { completed: done, total, percent } = program.progress;

  // The current part's content gives the exercises' titles (and keeps it for reading offline).
  /** @type {Record<string, string>} */
  const titles = Object.fromEntries(Object.entries(instruments).map(([id, i]) => [id, i.title]));
  if (current) {
    const content = await api.get('/v1/me/sections/{id}', { id: current.id }).catch(() => null);
    const blocks = /** @type {import('../../../types/client').Block[]} */ (/** @type {any} */ (content?.section)?.blocks ?? []);
    for (const b of blocks) if (b.type === 'exercise') titles[b.id] = b.title;
  }

  const start = me.due.filter((d) => d.kind === 'start');
  const end = me.due.filter((d) => d.kind === 'end' || d.kind === 'evaluation');
  const also = me.due.filter((d) => d.kind === 'checkin' || d.kind === 'repeated');

  /** @param {string} href @param {string} label */
  const primary = (href, label) => h('a', { class: 'button primary', href }, label);
  /** @type {HTMLElement} */
  let next;
  const firstStart = start[0];
  const firstEnd = end[0];
  if (firstStart) {
    next = h(
      'section',
      { class: 'card next-step', 'aria-labelledby': 'next-title' },
      h('h2', { id: 'next-title' }, t('nextStartTitle')),
      h('p', {}, t('nextStartBody', { n: start.length })),
      h('ol', { class: 'due-list' }, start.map((d) => h('li', { lang }, instruments[d.instrument]?.title ?? ''))),
      primary(questionnaireHref(firstStart.instrument), start.length > 1 ? t('answerFirst', { n: 1, total: start.length }) : t('answerNow')),
    );
  } else if (current) {
    const missing = describeMissing(current.missing, titles);
    next = h(
      'section',
      { class: 'card next-step current-part', 'aria-labelledby': 'next-title' },
      h('p', { class: 'eyebrow' }, t('partOf', { n: current.number, total })),
      h('h2', { id: 'next-title', lang }, current.title),
      current.summary ? h('p', { lang }, current.summary) : null,
      missing.length ? h('p', { class: 'muted' }, t('toFinishPart')) : null,
      missing.length ? h('ul', { class: 'todo' }, missing.map((m) => h('li', {}, m))) : null,
      primary(`#/section/${current.id}`, t(missing.length === 0 ? 'goToPart' : hasSaved(current) ? 'continuePart' : 'startPart', { n: current.number })),
    );
  } else if (firstEnd) {
    next = h(
      'section',
      { class: 'card next-step', 'aria-labelledby': 'next-title' },
      h('h2', { id: 'next-title' }, firstEnd.kind === 'evaluation' ? t('nextEvaluationTitle') : t('nextEndTitle')),
      h('p', {}, firstEnd.kind === 'evaluation' ? t('nextEvaluationBody') : t('nextEndBody')),
      primary(questionnaireHref(firstEnd.instrument), dueLabel(firstEnd, instruments)),
    );
  } else if (rest[0]) {
    const waitingFor = rest[0];
    next = h(
      'section',
      { class: 'card next-step', 'aria-labelledby': 'next-title' },
      h('h2', { id: 'next-title' }, t('nextWaitTitle', { n: waitingFor.number })),
      h('p', {}, lockedText(waitingFor.lockedReason)),
      h('p', {}, t('nextWaitBody')),
      completed.length ? h('a', { class: 'button secondary', href: `#/section/${completed[completed.length - 1]?.id}` }, t('openPartAgain', { n: completed[completed.length - 1]?.number ?? 1 })) : null,
    );
  } else {
    next = h(
      'section',
      { class: 'card next-step', 'aria-labelledby': 'next-title' },
      h('h2', { id: 'next-title' }, t('allDoneTitle')),
      h('p', {}, t('allDoneBody')),
      primary('#/progress', t('seeProgress')),
    );
  }

  // The end measurement is the next step only when no part is open; otherwise it waits here.
  const alsoList = [...also, ...(firstStart || current ? end : end.slice(1))];
  show(
    h('h1', { lang }, me.programTitle ?? ''),
    contentLanguageNote(program),
    h(
      'div',
      { class: 'progress-summary' },
      h('p', { id: 'progress-label' }, t('progressLabel', { completed: done, total })),
      h('div', { class: 'progressbar', role: 'progressbar', 'aria-labelledby': 'progress-label', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent }, h('span', { 'data-percent': percent })),
    ),
    me.nextAppointment ? h('p', { class: 'appointment' }, t('nextAppointment', { date: formatAppointment(me.nextAppointment.at), kind: t(`kind_${me.nextAppointment.kind}`) })) : null,
    me.nextGroupMeeting ? h('p', { class: 'appointment' }, t('nextGroupMeeting', { date: formatAppointment(me.nextGroupMeeting) })) : null,
    next,
    alsoList.length
      ? h(
          'section',
          { class: 'also', 'aria-labelledby': 'also-title' },
          h('h2', { id: 'also-title' }, t('alsoToday')),
          h('ul', { class: 'link-list' }, alsoList.map((d) => h('li', {}, h('a', { href: questionnaireHref(d.instrument), lang: d.kind === 'checkin' ? undefined : lang }, dueLabel(d, instruments))))),
        )
      : null,
    completed.length
      ? h(
          'section',
          { 'aria-labelledby': 'done-title' },
          h('h2', { id: 'done-title' }, t('finishedParts')),
          h('ul', { class: 'done-list' }, completed.map((s) => h('li', {}, h('a', { href: `#/section/${s.id}` }, h('span', { class: 'check', 'aria-hidden': 'true' }), h('span', { lang }, t('numberedTitle', { n: s.number, title: s.title }))), h('span', { class: 'visually-hidden' }, ` (${t('state_completed')})`)))),
        )
      : null,
    rest.length && (current || firstStart)
      ? h(
          'details',
          { class: 'later' },
          h('summary', {}, t('partsLeft', { n: rest.length })),
          h('ol', { class: 'later-list' }, rest.map((s) => h('li', { value: s.number }, h('span', { lang }, s.title), h('span', { class: 'muted' }, lockedText(s.lockedReason))))),
        )
      : null,
  );
  // Width set from script, not inline style: the CSP allows no inline styles.
  const bar = /** @type {HTMLElement | null} */ (document.querySelector('.progressbar > span'));
  if (bar) bar.style.width = `${percent}%`;
}

/**
 * Whether the person has saved anything in the part (so "continue" fits better than "start").
 * @param {SectionState} section
 */
function hasSaved(section) {
  return section.missing.exercises.some((e) => e.saved > 0);
}
