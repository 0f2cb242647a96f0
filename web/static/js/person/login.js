// The front page: code entry (checked as it is typed), remember me, and the public
// overview of each program; and a program's overview page.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { checkCode, groupCode } from '../code-check.js';
import { withProofOfWork } from '../proof-of-work.js';
import { api, setToken } from './session.js';
import { show, alertBox } from './shell.js';

export async function loginView() {
  const flash = sessionStorage.getItem('mestring.flash');
  sessionStorage.removeItem('mestring.flash');
  const inputId = uid('code');
  const feedback = h('p', { id: `${inputId}-feedback`, 'aria-live': 'polite', class: 'hint' });
  const input = h('input', {
    id: inputId, type: 'text', class: 'code', name: 'code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    'aria-describedby': `${inputId}-hint ${inputId}-feedback`, required: true,
  });
  const remember = h('input', { type: 'checkbox', id: `${inputId}-remember` });
  const error = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, t('logIn'));
  const checking = h('p', { class: 'hint', role: 'status' });
  const showChecking = (on) => (checking.textContent = on ? t('checking') : '');

  const check = () => {
    const result = checkCode(input.value);
    input.setAttribute('aria-invalid', result.state === 'typo' || result.state === 'long' ? 'true' : 'false');
    feedback.className = result.state === 'typo' || result.state === 'long' ? 'error-text' : 'hint';
    feedback.textContent =
      result.state === 'typo' || result.state === 'long' ? t('codeTypo') : result.state === 'short' ? t('codeTooShort', { n: result.length }) : result.state === 'ok' ? t('codeLooksRight') : '';
    return result;
  };
  input.addEventListener('input', check);
  input.addEventListener('blur', () => {
    if (checkCode(input.value).state === 'ok') input.value = groupCode(input.value);
  });

  const form = h(
    'form',
    { novalidate: true },
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
      if (result.state === 'empty' || result.state === 'short') feedback.className = 'error-text';
      return;
    }
    submit.disabled = true;
    try {
      const body = { code: input.value, remember: /** @type {HTMLInputElement} */ (remember).checked };
      const session = await withProofOfWork((b) => api.post('/v1/sessions', b), body, showChecking);
      setToken(session.token, /** @type {HTMLInputElement} */ (remember).checked);
      location.hash = session.consent === null ? '#/consent' : '#/';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      const e = /** @type {ApiError} */ (err);
      const text = e.code === 'code_typo' ? t('codeTypo') : e.code === 'invalid_code' ? t('codeInvalid') : e.status === 429 ? t('tooManyTries', { s: e.retryAfter || 60 }) : t('errorGeneric');
      error.replaceChildren(alertBox(text, 'error'));
    } finally {
      submit.disabled = false;
    }
  });

  const programs = h('ul', {});
  show(h('h1', {}, t('loginTitle')), flash ? alertBox(t(flash)) : null, h('p', {}, t('loginIntro')), form, h('h2', {}, t('programsTitle')), h('p', {}, t('programsIntro')), programs);
  try {
    const { programs: list } = await api.get('/v1/programs');
    programs.append(...list.map((p) => h('li', {}, h('a', { href: `#/programs/${p.id}` }, p.title), ` – ${p.summary}`)));
  } catch {
    /* the overview is a nicety; the login works without it */
  }
}

export async function programOverviewView(id) {
  const p = await api.get(`/v1/programs/${encodeURIComponent(id)}`);
  show(
    h('h1', {}, p.title),
    h('p', {}, p.summary),
    h('p', { class: 'muted' }, p.audience),
    h('p', {}, t('weeks', { n: p.weeks })),
    h('h2', {}, t('parts')),
    h('ol', {}, p.parts.map((part) => h('li', {}, h('strong', {}, part.title), ` – ${part.summary}`))),
    h('p', {}, h('a', { href: '#/' }, t('overviewBack'))),
  );
}
