// A part: its content, exercises with saved entries, questionnaires, and "mark as
// complete", which asks the server and explains what is still missing.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { renderSectionBlocks } from '../blocks.js';
import { api } from './session.js';
import { show, alertBox } from './shell.js';
import { describeMissing } from './home.js';

/** Turns the API's per-field errors into field id -> message. */
export function fieldErrorsOf(err) {
  const list = err?.body?.fields ?? err?.body?.errors ?? [];
  /** @type {Record<string, string>} */
  const out = {};
  // The API's stable error codes, in the person's language; its English message as a fallback.
  for (const e of Array.isArray(list) ? list : []) out[e.field ?? e.id ?? ''] = t(`fieldError_${e.code}`) !== `fieldError_${e.code}` ? t(`fieldError_${e.code}`) : (e.message ?? t('fieldRequired'));
  return out;
}

export async function sectionView(id) {
  let data;
  try {
    data = await api.get(`/v1/me/sections/${encodeURIComponent(id)}`);
  } catch (err) {
    if (/** @type {any} */ (err).code === 'section_locked') {
      show(h('h1', {}, t('state_locked')), alertBox(t('lockedBecause_previous')), h('p', {}, h('a', { href: '#/' }, t('backHome'))));
      return;
    }
    throw err;
  }
  const { section } = data;
  /** @type {Record<string, any[]>} */
  const entries = {};
  for (const e of data.entries) (entries[e.exerciseId] ??= []).push(e);
  /** @type {Record<string, any[]>} */
  const responses = {};
  for (const r of data.responses) (responses[r.instrument] ??= []).push(r);
  const titles = Object.fromEntries([
    ...section.blocks.filter((b) => b.type === 'exercise').map((b) => [b.id, b.title]),
    ...Object.entries(data.instruments).map(([k, v]) => [k, /** @type {any} */ (v).title]),
  ]);

  const ctx = {
    entries,
    responses,
    saveEntry: async (exercise, values, entryId) => {
      try {
        if (entryId) await api.put(`/v1/me/exercises/${exercise.id}/entries/${entryId}`, { values });
        else (entries[exercise.id] ??= []).push(await api.post(`/v1/me/exercises/${exercise.id}/entries`, { values }));
      } catch (err) {
        if (/** @type {any} */ (err).code === 'validation_failed') return fieldErrorsOf(err);
        throw err;
      }
    },
    deleteEntry: async (exercise, entryId) => {
      await api.del(`/v1/me/exercises/${exercise.id}/entries/${entryId}`);
    },
    openQuestionnaire: (ref) => {
      sessionStorage.setItem('mestring.returnTo', location.hash);
      location.hash = `#/questionnaire/${ref}`;
    },
  };

  const completion = h('div', { 'aria-live': 'polite' });
  const completeButton = h('button', { type: 'button' }, t('markComplete'));
  completeButton.addEventListener('click', async () => {
    completion.replaceChildren();
    try {
      await api.post(`/v1/me/sections/${section.id}/complete`);
      completion.append(alertBox(t('completed'), 'success'), h('p', {}, h('a', { href: '#/' }, t('backHome'))));
      completeButton.remove();
    } catch (err) {
      const e = /** @type {any} */ (err);
      if (e.code !== 'requirements_missing') throw err;
      completion.append(h('div', { class: 'alert error', role: 'alert' }, h('p', {}, t('missingTitle')), h('ul', {}, describeMissing(e.body.missing, titles).map((m) => h('li', {}, m)))));
    }
  });

  show(
    h('p', { class: 'muted' }, t('partNumber', { n: section.number })),
    h('h1', {}, section.title),
    h('article', {}, renderSectionBlocks(section, { instruments: data.instruments }, ctx)),
    data.state === 'completed' ? alertBox(t('completed'), 'success') : h('div', { class: 'actions' }, completeButton),
    completion,
    h('p', {}, h('a', { href: '#/' }, t('backHome'))),
  );
}
