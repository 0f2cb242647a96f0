// The front page: code entry (grouped and checked as it is typed), remember me, and
// the public overview of each program; and a program's overview page.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError, OfflineError } from '../api.js';
import { checkCode } from '../code-check.js';
import { groupWhileTyping } from '../code-field.js';
import { api, setSession, ownerOf } from './session.js';
import { adoptLanguage } from './language.js';
import { show, alertBox } from '../shell.js';
import { flush } from './outbox.js';
import { contentLangOf, contentLanguageNote } from './content-language.js';
import { withProofOfWork } from '../proof-of-work.js';

export async function loginView() {
  const flash = sessionStorage.getItem('mestring.flash');
  sessionStorage.removeItem('mestring.flash');
  const inputId = uid('code');
  const feedback = h('p', { id: `${inputId}-feedback`, 'aria-live': 'polite', class: 'hint' });
  const input = h('input', {
    id: inputId, type: 'text', class: 'code', name: 'code', autocomplete: 'off', autocapitalize: 'characters', autocorrect: 'off', spellcheck: 'false', inputmode: 'text',
    'aria-describedby': `${inputId}-hint ${inputId}-feedback`, required: true,
  });
  groupWhileTyping(input);
  const remember = h('input', { type: 'checkbox', id: `${inputId}-remember` });
  const error = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('logIn'));
  const checking = h('p', { class: 'hint', role: 'status' });
  /** @param {boolean} on */
  const showChecking = (on) => (checking.textContent = on ? t('checking') : '');

  const check = () => {
    const result = checkCode(input.value);
    const bad = result.state === 'typo' || result.state === 'long';
    input.setAttribute('aria-invalid', bad ? 'true' : 'false');
    feedback.className = bad ? 'error-text' : result.state === 'ok' ? 'ok-text' : 'hint';
    feedback.textContent = bad ? t('codeTypo') : result.state === 'short' ? t('codeTooShort', { n: result.length }) : result.state === 'ok' ? t('codeLooksRight') : '';
    return result;
  };
  input.addEventListener('input', check);

  const form = h(
    'form',
    { novalidate: true, class: 'login' },
    h('div', { class: 'field' }, h('label', { for: inputId }, t('codeLabel')), h('p', { class: 'hint', id: `${inputId}-hint` }, t('codeHint')), input, feedback),
    h('div', { class: 'field' }, h('label', { class: 'choice', for: `${inputId}-remember` }, remember, h('span', {}, t('rememberMe'))), h('p', { class: 'hint' }, t('rememberHint'))),
    error,
    h('div', { class: 'actions' }, submit),
    checking,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.replaceChildren();
    const result = check();
    if (result.state !== 'ok') {
      input.focus();
      if (result.state === 'empty' || result.state === 'short') {
        feedback.className = 'error-text';
        if (result.state === 'empty') feedback.textContent = t('codeMissing');
      }
      return;
    }
    submit.disabled = true;
    try {
      const body = { code: input.value, remember: remember.checked };
      const session = await withProofOfWork((b) => api.post('/v1/sessions', {}, /** @type {typeof body} */ (b)), body, showChecking);
      setSession(session.token, remember.checked, await ownerOf(input.value));
      await adoptLanguage(session.locale);
      // Anything written on this device without a connection is sent now.
      void flush();
      location.hash = session.consent === null ? '#/consent' : '#/';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      const text =
        err instanceof OfflineError ? t('loginOffline')
          : !(err instanceof ApiError) ? t('errorGeneric')
            : err.code === 'code_typo' ? t('codeTypo')
              : err.code === 'invalid_code' ? t('codeInvalid')
                : err.status === 429 ? t('tooManyTries', { s: err.retryAfter || 60 })
                  : t('errorGeneric');
      error.replaceChildren(alertBox(text, 'error'));
    } finally {
      submit.disabled = false;
    }
  });

  const programs = h('ul', { class: 'program-list' });
  show(
    h('h1', {}, t('loginTitle')),
    flash ? alertBox(t(flash)) : null,
    h('p', {}, t('loginIntro')),
    form,
    h('section', { 'aria-labelledby': 'programs-title' }, h('h2', { id: 'programs-title' }, t('programsTitle')), h('p', {}, t('programsIntro')), programs),
  );
  try {
    const { programs: list } = await api.get('/v1/programs');
    programs.append(
      ...list.map((p) => {
        const lang = contentLangOf(p);
        return h('li', {}, h('a', { href: `#/programs/${p.id}`, lang }, p.title), lang ? h('span', { class: 'muted' }, ` (${t('inLanguage', { language: t(`languageName_${lang}`) })})`) : null, h('p', { lang }, p.summary));
      }),
    );
  } catch {
    /* the overview is a nicety; the login works without it */
  }
}

/** @param {string} id */
export async function programOverviewView(id) {
  const p = await api.get('/v1/programs/{id}', { id });
  const lang = contentLangOf(p);
  show(
    h('h1', { lang }, p.title),
    contentLanguageNote(p),
    h('p', { lang }, p.summary),
    h('h2', {}, t('forWhom')),
    h('p', { lang }, p.audience),
    h('p', {}, t('weeksAndParts', { weeks: p.weeks, n: p.parts.length })),
    h('h2', {}, t('parts')),
    h('ol', { class: 'overview-parts' }, p.parts.map((part) => h('li', {}, h('strong', { lang }, part.title), h('p', { lang }, part.summary)))),
    h('p', {}, h('a', { href: '#/' }, t('overviewBack'))),
  );
}
