// A part: help one tap away, its content, exercises (entries are kept on the device
// when there is no connection, and sent later), questionnaires, and finishing it: the
// server checks the requirements, and a finished part gets a short acknowledgement and
// one button on to the next part.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError, OfflineError } from '../api.js';
import { formatDate, formatLongDay } from '../format.js';
import { renderSectionBlocks } from '../blocks.js';
import { api } from './session.js';
import { show, alertBox } from '../shell.js';
import { describeMissing, lockedText } from './home.js';
import { helpNow } from './help.js';
import { keep, drop, waiting } from './outbox.js';
import { loadDraft, saveDraft, clearDraft } from './drafts.js';
import { contentLangOf } from './content-language.js';

/** @typedef {import('../blocks.js').ShownEntry} ShownEntry */
/** @typedef {import('../../../types/client').Schemas} Schemas */
/** @typedef {Schemas['ProgramState']['sections'][number]} SectionState */

/**
 * Turns the API's per-field errors into field id -> message, in the person's language.
 * @param {unknown} err
 */
export function fieldErrorsOf(err) {
  const body = /** @type {{ fields?: unknown, errors?: unknown } | undefined} */ (err instanceof ApiError ? err.body : undefined);
  const list = /** @type {{ field?: string, id?: string, code?: string }[]} */ (Array.isArray(body?.fields) ? body.fields : Array.isArray(body?.errors) ? body.errors : []);
  /** @type {Record<string, string>} */
  const out = {};
  for (const e of list) {
    const key = `fieldError_${e.code}`;
    out[e.field ?? e.id ?? ''] = t(key) !== key ? t(key) : t('fieldRequired');
  }
  return out;
}

/** @type {((event: Event) => void) | null} */
let outboxListener = null;

/**
 * What comes after finishing part `number`: the next part's state, from the states after completing.
 * @param {SectionState[]} sections
 * @param {number} number
 */
const nextAfter = (sections, number) => sections.find((s) => s.number === number + 1);

/**
 * The acknowledgement after finishing a part, with one button on.
 * @param {SectionState} finished
 * @param {SectionState | undefined} next
 * @param {string | undefined} lang
 */
function finishedCard(finished, next, lang) {
  const title = h('h2', { id: 'finished-title', tabindex: '-1' }, t('finishedTitle'));
  /** @type {import('../dom.js').Children[]} */
  let body;
  if (next?.state === 'available') {
    body = [h('p', {}, t('finishedNextOpen', { n: next.number })), h('a', { class: 'button primary', href: `#/section/${next.id}`, lang }, t('continueTo', { n: next.number, title: next.title }))];
  } else if (next) {
    body = [h('p', {}, lockedText(next.lockedReason)), h('p', {}, t('finishedWaitBody')), h('a', { class: 'button primary', href: '#/' }, t('toOverview'))];
  } else {
    body = [h('p', {}, t('finishedAllBody')), h('a', { class: 'button primary', href: '#/' }, t('toOverview'))];
  }
  const card = h('section', { class: 'card finished', 'aria-labelledby': 'finished-title' }, title, h('p', { lang }, t('finishedPart', { n: finished.number, title: finished.title })), ...body);
  return { card, focus: () => title.focus() };
}

/** @param {string} id */
export async function sectionView(id) {
  let data;
  let program;
  let me;
  try {
    [data, program, me] = await Promise.all([api.get('/v1/me/sections/{id}', { id }), api.get('/v1/me/program'), api.get('/v1/me').catch(() => null)]);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'section_locked') {
      show(h('h1', {}, t('lockedTitle')), alertBox(lockedText(/** @type {any} */ (err.body).lockedReason)), h('p', {}, h('a', { href: '#/' }, t('backHome'))));
      return;
    }
    throw err;
  }
  const section = /** @type {import('../../../types/client').Section} */ (/** @type {unknown} */ (data.section));
  const lang = contentLangOf(program);
  const states = program.sections;
  const status = states.find((s) => s.id === section.id);
  const exerciseIds = new Set(section.blocks.flatMap((b) => (b.type === 'exercise' ? [b.id] : [])));

  /** @type {Record<string, ShownEntry[]>} */
  const entries = {};
  for (const e of data.entries) (entries[e.exerciseId] ??= []).push({ id: e.id, values: e.values, createdAt: e.createdAt });
  // What is waiting on the device joins the list: new entries, and edits of saved ones.
  for (const w of await waiting()) {
    if (!exerciseIds.has(w.exerciseId)) continue;
    const list = (entries[w.exerciseId] ??= []);
    const saved = w.entryId ? list.find((e) => e.id === w.entryId) : undefined;
    if (saved) Object.assign(saved, { values: w.values, waitingKey: w.key, problem: w.problem });
    else list.push({ waitingKey: w.key, problem: w.problem, values: w.values, createdAt: w.savedAt });
  }
  /** @type {Record<string, { createdAt: string }[]>} */
  const responses = {};
  for (const r of data.responses) (responses[r.instrument] ??= []).push(r);
  /** @type {Record<string, () => void>} */
  const renders = {};

  /** @type {import('../blocks.js').SectionContext} */
  const ctx = {
    entries,
    responses,
    contentLang: lang,
    saveEntry: async (exercise, values, editing) => {
      const keepIt = async () => {
        const record = await keep({ exerciseId: exercise.id, values, entryId: editing?.id, key: editing?.waitingKey });
        return { entry: { id: editing?.id, waitingKey: record.key, values, createdAt: editing?.createdAt ?? record.savedAt }, kept: true };
      };
      // A waiting entry stays waiting; without a connection, keep it on the device at once.
      if (editing?.waitingKey || !navigator.onLine) return keepIt();
      try {
        const saved = editing?.id
          ? await api.put('/v1/me/exercises/{id}/entries/{entryId}', { id: exercise.id, entryId: editing.id }, { values: /** @type {any} */ (values) })
          : await api.post('/v1/me/exercises/{id}/entries', { id: exercise.id }, { values: /** @type {any} */ (values) });
        return { entry: { id: saved.id, values: saved.values, createdAt: saved.createdAt } };
      } catch (err) {
        if (err instanceof OfflineError) return keepIt();
        if (err instanceof ApiError && err.code === 'validation_failed') return { errors: fieldErrorsOf(err) };
        throw err;
      }
    },
    deleteEntry: async (exercise, entry) => {
      if (entry.id) await api.del('/v1/me/exercises/{id}/entries/{entryId}', { id: exercise.id, entryId: entry.id });
      if (entry.waitingKey) await drop(entry.waitingKey);
    },
    openQuestionnaire: (ref) => {
      sessionStorage.setItem('mestring.returnTo', location.hash);
      location.hash = `#/questionnaire/${ref}`;
    },
    drafts: { load: loadDraft, save: (exerciseId, entryId, values) => void saveDraft(exerciseId, entryId, values), clear: (exerciseId, entryId) => void clearDraft(exerciseId, entryId) },
    onEntriesChanged: (exerciseId, render) => {
      renders[exerciseId] = render;
    },
  };

  // Entries sent after the connection came back take the place of their waiting copies.
  if (outboxListener) window.removeEventListener('mestring:outbox', outboxListener);
  outboxListener = (event) => {
    const { sent } = /** @type {CustomEvent<import('./outbox.js').OutboxChange>} */ (event).detail;
    for (const { key, entry } of sent) {
      const list = entries[entry.exerciseId];
      const shown = list?.find((e) => e.waitingKey === key);
      if (!list || !shown) continue;
      list.splice(list.indexOf(shown), 1, { id: entry.id, values: entry.values, createdAt: entry.createdAt });
      renders[entry.exerciseId]?.();
    }
  };
  window.addEventListener('mestring:outbox', outboxListener);

  const completion = h('div', { class: 'completion' });
  const titles = Object.fromEntries([
    ...section.blocks.flatMap((b) => (b.type === 'exercise' ? [[b.id, b.title]] : [])),
    ...Object.entries(data.instruments ?? {}).map(([k, v]) => [k, v.title]),
  ]);
  const renderCompletion = () => {
    const completeButton = h('button', { type: 'button', class: 'primary' }, t('completePart', { n: section.number }));
    const message = h('div', { 'aria-live': 'polite' });
    completeButton.addEventListener('click', async () => {
      replace(message);
      try {
        const after = await api.post('/v1/me/sections/{id}/complete', { id: section.id });
        const finished = after.sections.find((s) => s.id === section.id) ?? /** @type {SectionState} */ (status);
        const { card, focus } = finishedCard(finished, nextAfter(after.sections, section.number), lang);
        replace(completion, card);
        focus();
      } catch (err) {
        if (err instanceof OfflineError) {
          replace(message, alertBox(t('completeOffline'), 'warning'));
          return;
        }
        if (!(err instanceof ApiError) || err.code !== 'requirements_missing') {
          replace(message, alertBox(t('errorGeneric'), 'error'));
          return;
        }
        const missing = describeMissing(/** @type {any} */ (err.body).missing, titles);
        const waitingHere = Object.values(entries).some((list) => list.some((e) => e.waitingKey));
        replace(
          message,
          h('div', { class: 'alert warning', role: 'alert' }, h('p', {}, h('strong', {}, t('missingTitle'))), h('ul', {}, missing.map((m) => h('li', {}, m))), waitingHere ? h('p', {}, t('missingWaiting')) : null),
        );
      }
    });
    replace(completion, h('div', { class: 'actions' }, completeButton), message);
  };

  if (data.state === 'completed') {
    const next = nextAfter(states, section.number);
    replace(
      completion,
      h(
        'div',
        { class: 'alert success', role: 'status' },
        h('p', {}, status?.completedAt ? t('completedOn', { date: formatDate(status.completedAt) }) : t('completedAlready')),
        next?.state === 'available' ? h('p', {}, h('a', { href: `#/section/${next.id}`, lang }, t('continueTo', { n: next.number, title: next.title }))) : null,
        next?.state === 'locked' && ['waiting_days', 'scheduled'].includes(/** @type {any} */ (next.lockedReason)?.code) ? h('p', {}, t('lockedBecause_wait', { date: formatLongDay(/** @type {any} */ (next.lockedReason).opensAt) })) : null,
      ),
    );
  } else renderCompletion();

  show(
    h('p', { class: 'eyebrow' }, t('partOf', { n: section.number, total: states.length })),
    h('h1', { lang }, section.title),
    helpNow(me?.help),
    h('article', { class: 'part' }, renderSectionBlocks(section, { instruments: /** @type {Record<string, import('../../../types/client').Instrument>} */ (data.instruments ?? {}) }, ctx)),
    completion,
    h('p', { class: 'back' }, h('a', { href: '#/' }, t('backHome'))),
  );
}
