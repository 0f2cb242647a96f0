// Staff login and the first-login password change.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { show, alertBox } from '../person/shell.js';
import { api, setStaffInfo, staffInfo } from './session.js';

function input(label, props, hint) {
  const id = uid('s');
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, h('input', { id, ...props, 'aria-describedby': hint ? `${id}-hint` : undefined }));
}

export function loginView() {
  const error = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    {},
    input(t('orgLabel'), { name: 'org', type: 'text', autocomplete: 'organization', required: true }),
    input(t('usernameLabel'), { name: 'username', type: 'text', autocomplete: 'username', required: true }),
    input(t('passwordLabel'), { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('staffLogin'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(/** @type {HTMLFormElement} */ (form)));
    try {
      const session = await api.post('/v1/staff/sessions', data);
      setStaffInfo({ role: session.role, mustChangePassword: session.mustChangePassword });
      location.hash = session.mustChangePassword ? '#/password' : '#/codes';
    } catch (err) {
      const e = /** @type {any} */ (err);
      error.replaceChildren(alertBox(e.status === 429 ? t('tooManyTries', { s: e.retryAfter || 60 }) : t('wrongLogin'), 'error'));
    }
  });
  show(h('h1', {}, t('staffTitle')), form);
}

export function passwordView() {
  const error = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    {},
    input(t('currentPassword'), { name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true }),
    input(t('newPassword'), { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }, t('newPasswordHint')),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('save'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(/** @type {HTMLFormElement} */ (form)));
    try {
      await api.put('/v1/staff/password', data);
      setStaffInfo({ ...(staffInfo() ?? { role: 'professional' }), mustChangePassword: false });
      location.hash = '#/codes';
    } catch (err) {
      error.replaceChildren(alertBox(/** @type {Error} */ (err).message, 'error'));
    }
  });
  show(h('h1', {}, t('changePasswordTitle')), staffInfo()?.mustChangePassword ? h('p', {}, t('changePasswordIntro')) : null, form);
}
