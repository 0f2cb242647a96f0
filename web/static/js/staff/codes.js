// The organisation's codes: the list with status and consent, find a code by typing it
// (codes never travel in URLs), and making a new code with its printable card.
import { h, uid, trustedContent } from '../dom.js';
import { t, has, languages, languageNames, translatorFor } from '../i18n.js';
import { ApiError } from '../api.js';
import { formatDate } from '../format.js';
import { show, alertBox } from '../shell.js';
import { groupWhileTyping } from '../code-field.js';
import { api } from './session.js';

/** @typedef {import('../../../types/client').Schemas} Schemas */

/** @param {boolean | null | undefined} consent */
function consentLabel(consent) {
  return consent === true ? t('consentYesShort') : consent === false ? t('consentNoShort') : t('consentUnknown');
}

export async function codesView() {
  const [{ codes }, { programs }] = await Promise.all([api.get('/v1/staff/codes'), api.get('/v1/staff/programs')]);
  const titles = Object.fromEntries(programs.map((p) => [p.id, p.title]));
  const findId = uid('find');
  const findError = h('div', { 'aria-live': 'assertive' });
  const input = h('input', { id: findId, name: 'code', type: 'text', class: 'code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true });
  groupWhileTyping(input);
  const findForm = h(
    'form',
    { role: 'search', class: 'find-code' },
    h('div', { class: 'field' }, h('label', { for: findId }, t('findCodeLabel')), input),
    findError,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary strong' }, t('find'))),
  );
  findForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    findError.replaceChildren();
    try {
      const { ref } = await api.post('/v1/staff/codes/lookup', {}, { code: input.value });
      location.hash = `#/codes/${ref}`;
    } catch (err) {
      findError.replaceChildren(alertBox(err instanceof ApiError && err.code === 'code_typo' ? t('codeTypo') : t('notFound'), 'error'));
    }
  });
  const rows = codes.map((c) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/codes/${c.ref}` }, `…${c.hint}`)),
      h('td', {}, titles[c.programId] ?? ''),
      h('td', {}, formatDate(c.createdAt)),
      h('td', {}, t(`status_${c.status}`)),
      h('td', {}, consentLabel(c.consent)),
      h('td', {}, c.progress ? t('progressLabel', { completed: c.progress.completed, total: c.progress.total }) : t('progressNotShared')),
      h('td', {}, c.openFlags?.length ? h('span', { class: 'status status-flag' }, c.openFlags.map((f) => t(`openFlag_${f}`)).join(', ')) : ''),
      h('td', {}, c.lastActivity ? formatDate(c.lastActivity) : ''),
    ),
  );
  show(
    h('h1', {}, t('codesTitle')),
    h('section', { 'aria-labelledby': 'find-title' }, h('h2', { id: 'find-title' }, t('findCode')), findForm),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/codes/new' }, t('newCodeTitle'))),
    h(
      'div',
      { class: 'table-wrap' },
      h('table', {}, h('thead', {}, h('tr', {}, ['colHint', 'colProgram', 'colCreated', 'colStatus', 'colConsent', 'colProgress', 'colFlags', 'colLastActivity'].map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows)),
    ),
  );
}

export async function newCodeView() {
  const { programs, defaultLocale } = await api.get('/v1/staff/programs');
  const selectId = uid('program');
  const languageId = uid('language');
  const error = h('div', { 'aria-live': 'assertive' });
  const select = h('select', { id: selectId, name: 'programId' }, programs.map((p) => h('option', { value: p.id, disabled: p.licences.remaining <= 0 || undefined }, `${p.title} (${t('licencesLeft', { n: p.licences.remaining })})`)));
  // The person's language: the organisation's by default; content falls back to the program's source language.
  const language = h('select', { id: languageId, name: 'locale', 'aria-describedby': `${languageId}-hint ${languageId}-note` }, languages.map((l) => h('option', { value: l, lang: l, selected: l === (defaultLocale ?? 'nb') }, languageNames[l])));
  const note = h('p', { class: 'hint', id: `${languageId}-note`, 'aria-live': 'polite' });
  const explain = () => {
    const program = programs.find((p) => p.id === select.value);
    const locales = program?.locales ?? [];
    const chosen = language.value;
    const name = (/** @type {string} */ l) => (has(`languageName_${l}`) ? t(`languageName_${l}`) : l);
    note.textContent = program && locales.length && !locales.includes(chosen) ? t('codeLanguageSourceOnly', { program: program.title, language: name(chosen), source: name(locales[0] ?? 'nb') }) : '';
  };
  select.addEventListener('change', explain);
  language.addEventListener('change', explain);
  explain();
  const form = h(
    'form',
    {},
    h('div', { class: 'field' }, h('label', { for: selectId }, t('programLabel')), select),
    h('div', { class: 'field' }, h('label', { for: languageId }, t('codeLanguageLabel')), h('p', { class: 'hint', id: `${languageId}-hint` }, t('codeLanguageHint')), language, note),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('generate'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const programId = select.value;
    const locale = /** @type {import('../i18n.js').Lang} */ (language.value);
    try {
      const [issued, service, cardText] = await Promise.all([
        api.post('/v1/staff/codes', {}, { programId, locale }),
        api.get('/v1/staff/service', {}, `?origin=${encodeURIComponent(location.origin)}`).catch(() => null),
        translatorFor(locale),
      ]);
      codeCardView(issued, issued.programTitle ?? programs.find((p) => p.id === programId)?.title ?? '', service, cardText);
    } catch (err) {
      error.replaceChildren(alertBox(err instanceof ApiError && err.code === 'quota_exhausted' ? t('quotaExhausted') : t('errorGeneric'), 'error'));
    }
  });
  show(h('h1', {}, t('newCodeTitle')), h('p', {}, t('newCodeIntro')), form);
}

/**
 * The printable card: large unambiguous characters that never break inside a group,
 * the program, the service's name and phone, what to do if the card is lost, and the
 * login page as text and QR code (the code itself is never in a link).
 * @param {Schemas['NewCode']} issued
 * @param {string} programTitle
 * @param {Schemas['Service'] | null} service
 * @param {(key: string, params?: Record<string, string | number>) => string} cardText the card's words, in the person's language
 */
function codeCardView(issued, programTitle, service, cardText) {
  const url = `${location.host}/`;
  const name = service?.name || cardText('theService');
  // A phone number is never broken across lines.
  const phone = service?.phone?.replace(/ /g, '\u00a0');
  const groups = issued.code.split('-');
  show(
    h('h1', { class: 'no-print' }, t('newCodeTitle')),
    h('p', { class: 'alert warning no-print', role: 'status' }, t('codeCardOnce')),
    service && !service.phone ? h('p', { class: 'alert info no-print' }, t('servicePhoneMissing')) : null,
    h(
      'section',
      { class: 'code-card', 'aria-labelledby': 'card-title', lang: issued.locale },
      h('h2', { id: 'card-title' }, cardText('codeCardTitle')),
      h('p', { class: 'card-program' }, programTitle),
      // Each group is one unbreakable piece; lines break only between groups.
      h('p', { class: 'code-value', 'data-code': issued.code }, groups.map((group, i) => h('span', { class: 'code-group' }, i < groups.length - 1 ? `${group}-` : group))),
      h('p', { class: 'card-where' }, cardText('codeCardWhere', { url })),
      service?.loginQrSvg && service.loginUrl === `${location.origin}/`
        ? h('div', { class: 'card-qr' }, h('p', {}, cardText('codeCardScan')), trustedContent('figure', service.loginQrSvg, { class: 'qr', role: 'img', 'aria-label': cardText('codeCardQrLabel', { url }) }))
        : null,
      h('p', { class: 'card-service' }, cardText('codeCardService', { name }), phone ? h('span', { class: 'card-phone' }, cardText('codeCardPhone', { phone })) : null),
      h('p', {}, phone ? cardText('codeCardLost', { name, phone }) : cardText('codeCardLostNoPhone', { name })),
      h('p', { class: 'muted' }, cardText('codeCardNote')),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('print')), h('a', { class: 'button secondary', href: `#/codes/${issued.ref}` }, t('openFollowUp'))),
  );
}
