// Staff login: password, the first-login password change, and the second factor
// (enrolling an authenticator app at first login, then a code at every login).
import { h, uid, trustedContent } from '../dom.js';
import { t } from '../i18n.js';
import { show, alertBox } from '../person/shell.js';
import { api, setStaffInfo, staffInfo } from './session.js';
import { withProofOfWork } from '../proof-of-work.js';

function input(label, props, hint) {
  const id = uid('s');
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, h('input', { id, ...props, 'aria-describedby': hint ? `${id}-hint` : undefined }));
}

export function loginView() {
  const error = h('div', { 'aria-live': 'assertive' });
  const checking = h('p', { class: 'hint', role: 'status' });
  const form = h(
    'form',
    {},
    input(t('orgLabel'), { name: 'org', type: 'text', autocomplete: 'organization', required: true }),
    input(t('usernameLabel'), { name: 'username', type: 'text', autocomplete: 'username', required: true }),
    input(t('passwordLabel'), { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('staffLogin'))),
    checking,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(/** @type {HTMLFormElement} */ (form)));
    try {
      const session = await withProofOfWork((b) => api.post('/v1/staff/sessions', b), data, (on) => (checking.textContent = on ? t('checking') : ''));
      setStaffInfo({ role: session.role, mustChangePassword: session.mustChangePassword, twoFactor: session.twoFactor });
      location.hash = nextStep();
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
      location.hash = nextStep();
    } catch (err) {
      error.replaceChildren(alertBox(/** @type {Error} */ (err).message, 'error'));
    }
  });
  show(h('h1', {}, t('changePasswordTitle')), staffInfo()?.mustChangePassword ? h('p', {}, t('changePasswordIntro')) : null, form);
}

/** Where a logged-in professional goes next: the password change and second factor come first. */
export function nextStep() {
  const info = staffInfo();
  if (!info) return '#/login';
  if (info.mustChangePassword) return '#/password';
  if (info.twoFactor === 'enrolment_required') return '#/two-factor/enrol';
  if (info.twoFactor === 'required') return '#/two-factor';
  return '#/codes';
}

function codeField(label, hint) {
  return input(label, { name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 20, spellcheck: 'false' }, hint);
}

/** First login: scan the QR code (or type the key) into an authenticator app, confirm a code, keep the recovery codes. */
export async function enrolView() {
  const enrolment = await api.post('/v1/staff/totp/enrol');
  const error = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true }, codeField(t('totpCode'), t('totpCodeHint')), error, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('totpConfirm'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = /** @type {HTMLInputElement} */ (form.querySelector('input')).value;
    try {
      const { recoveryCodes } = await api.post('/v1/staff/totp/confirm', { code });
      recoveryView(recoveryCodes);
    } catch (err) {
      const e = /** @type {any} */ (err);
      error.replaceChildren(alertBox(e.status === 429 ? t('tooManyTries', { s: e.retryAfter || 60 }) : t('totpWrong'), 'error'));
    }
  });
  show(
    h('h1', {}, t('enrolTitle')),
    h('p', {}, t('enrolIntro')),
    h('ol', {}, h('li', {}, t('enrolStep1')), h('li', {}, t('enrolStep2')), h('li', {}, t('enrolStep3'))),
    trustedContent('figure', enrolment.qrSvg, { class: 'qr', role: 'img', 'aria-label': t('enrolQrLabel') }),
    h('p', {}, t('enrolKey'), ' ', h('code', { class: 'secret' }, enrolment.secret.replace(/(.{4})/g, '$1 ').trim())),
    form,
  );
}

function recoveryView(codes) {
  show(
    h('h1', {}, t('recoveryTitle')),
    h('p', {}, t('recoveryIntro')),
    h('ul', { class: 'recovery-codes' }, codes.map((c) => h('li', {}, h('code', {}, c)))),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => { setStaffInfo({ ...staffInfo(), twoFactor: 'done' }); location.hash = nextStep(); } }, t('recoverySaved'))),
  );
}

/** Every later login: a code from the authenticator app, or one recovery code. */
export function twoFactorView() {
  const error = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true }, codeField(t('totpCode'), t('totpOrRecovery')), error, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('staffLogin'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = /** @type {HTMLInputElement} */ (form.querySelector('input')).value;
    try {
      await api.post('/v1/staff/sessions/current/totp', { code });
      setStaffInfo({ ...staffInfo(), twoFactor: 'done' });
      location.hash = nextStep();
    } catch (err) {
      const e = /** @type {any} */ (err);
      error.replaceChildren(alertBox(e.status === 429 ? t('tooManyTries', { s: e.retryAfter || 60 }) : t('totpWrong'), 'error'));
    }
  });
  show(h('h1', {}, t('twoFactorTitle')), form);
}
