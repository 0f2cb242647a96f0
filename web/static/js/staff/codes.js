// The organisation's codes: the list with status and consent, find a code by typing
// it (codes never travel in URLs), and making a new code with its printable card.
import { h, uid, formatDateTime } from '../dom.js';
import { t, lang } from '../i18n.js';
import { show, alertBox } from '../person/shell.js';
import { api } from './session.js';

function consentLabel(consent) {
  return consent === true ? t('consentYesShort') : consent === false ? t('consentNoShort') : t('consentUnknown');
}

export async function codesView() {
  const [{ codes }, { programs }] = await Promise.all([api.get('/v1/staff/codes'), api.get('/v1/staff/programs')]);
  const titles = Object.fromEntries(programs.map((p) => [p.id, p.title]));
  const findId = uid('find');
  const findError = h('div', { 'aria-live': 'assertive' });
  const findForm = h(
    'form',
    { role: 'search' },
    h('div', { class: 'field' }, h('label', { for: findId }, t('findCodeLabel')), h('input', { id: findId, name: 'code', type: 'text', class: 'code', autocomplete: 'off', required: true })),
    findError,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('find'))),
  );
  findForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    findError.replaceChildren();
    try {
      const { ref } = await api.post('/v1/staff/codes/lookup', { code: /** @type {HTMLInputElement} */ (findForm.querySelector('input')).value });
      location.hash = `#/codes/${ref}`;
    } catch (err) {
      const e = /** @type {any} */ (err);
      findError.replaceChildren(alertBox(e.code === 'code_typo' ? t('codeTypo') : t('notFound'), 'error'));
    }
  });
  const rows = codes.map((c) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/codes/${c.ref}` }, `…${c.hint}`)),
      h('td', {}, titles[c.programId] ?? c.programId),
      h('td', {}, formatDateTime(c.createdAt, lang(), false)),
      h('td', {}, t(`status_${c.status}`)),
      h('td', {}, consentLabel(c.consent)),
      h('td', {}, c.progress ? t('progressLabel', { completed: c.progress.completed, total: c.progress.total }) : '–'),
    ),
  );
  show(
    h('h1', {}, t('codesTitle')),
    h('h2', {}, t('findCode')),
    findForm,
    h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['colHint', 'colProgram', 'colCreated', 'colStatus', 'colConsent', 'colProgress'].map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows))),
  );
}

export async function newCodeView() {
  const { programs } = await api.get('/v1/staff/programs');
  const selectId = uid('program');
  const error = h('div', { 'aria-live': 'assertive' });
  const select = h('select', { id: selectId, name: 'programId' }, programs.map((p) => h('option', { value: p.id, disabled: p.licences.remaining <= 0 || undefined }, `${p.title} (${t('licencesLeft', { n: p.licences.remaining })})`)));
  const form = h('form', {}, h('div', { class: 'field' }, h('label', { for: selectId }, t('programLabel')), select), error, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('generate'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const programId = /** @type {HTMLSelectElement} */ (select).value;
    try {
      const issued = await api.post('/v1/staff/codes', { programId });
      codeCardView(issued, programs.find((p) => p.id === programId));
    } catch (err) {
      const e = /** @type {any} */ (err);
      error.replaceChildren(alertBox(e.code === 'quota_exhausted' ? t('quotaExhausted') : e.message, 'error'));
    }
  });
  show(h('h1', {}, t('newCodeTitle')), h('p', {}, t('newCodeIntro')), form);
}

/** The printable card: large unambiguous characters, the program, where to log in; nothing about the person. */
function codeCardView(issued, program) {
  const url = `${location.origin}/`;
  show(
    h('h1', { class: 'no-print' }, t('newCodeTitle')),
    h('p', { class: 'alert no-print', role: 'status' }, t('codeCardOnce')),
    h(
      'section',
      { class: 'code-card', 'aria-label': t('codeCardTitle') },
      h('h2', {}, t('codeCardTitle')),
      h('p', {}, h('strong', {}, program?.title ?? issued.programId)),
      // Groups wrap as wholes, so a code never breaks inside a group on a narrow card.
      h('p', { class: 'code-value', 'data-code': issued.code }, issued.code.split('-').map((group, i, all) => h('span', {}, i < all.length - 1 ? `${group}-` : group))),
      h('p', {}, t('codeCardWhere', { url })),
      h('p', { class: 'muted' }, t('codeCardNote')),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => window.print() }, t('print')), h('a', { class: 'button secondary', href: `#/codes/${issued.ref}` }, t('openFollowUp'))),
  );
}
