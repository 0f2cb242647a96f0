// Staff login: password, the first-login password change, and the second factor
// (enrolling an authenticator app at first login, then a code at every login).
import { h, uid, trustedContent } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { show, alertBox } from '../shell.js';
import { api, setStaffInfo, staffInfo } from './session.js';
import { withProofOfWork } from '../proof-of-work.js';

/**
 * A labelled input with an optional hint.
 * @param {string} label
 * @param {Record<string, unknown>} props
 * @param {string} [hint]
 */
function input(label, props, hint) {
  const id = uid('s');
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, h('input', { id, ...props, 'aria-describedby': hint ? `${id}-hint` : undefined }));
}

/** @param {unknown} err */
const tooMany = (err) => (err instanceof ApiError && err.status === 429 ? t('tooManyTries', { s: err.retryAfter || 60 }) : null);

/** @param {HTMLFormElement} form */
const formData = (form) => /** @type {Record<string, string>} */ (Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)])));

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
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('staffLogin'))),
    checking,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = formData(form);
    try {
      const body = { org: data.org ?? '', username: data.username ?? '', password: data.password ?? '' };
      const session = await withProofOfWork((b) => api.post('/v1/staff/sessions', {}, /** @type {typeof body} */ (b)), body, (on) => (checking.textContent = on ? t('checking') : ''));
      setStaffInfo({ role: session.role, mustChangePassword: session.mustChangePassword, twoFactor: session.twoFactor });
      location.hash = nextStep();
    } catch (err) {
      error.replaceChildren(alertBox(tooMany(err) ?? t('wrongLogin'), 'error'));
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
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('save'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = formData(form);
    try {
      await api.put('/v1/staff/password', {}, { currentPassword: data.currentPassword ?? '', newPassword: data.newPassword ?? '' });
      setStaffInfo({ ...(staffInfo() ?? { role: 'professional' }), mustChangePassword: false });
      location.hash = nextStep();
    } catch (err) {
      error.replaceChildren(alertBox(err instanceof Error ? err.message : t('errorGeneric'), 'error'));
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

/**
 * @param {string} label
 * @param {string} hint
 */
function codeField(label, hint) {
  return input(label, { name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 20, spellcheck: 'false' }, hint);
}

/** Marks the second step as done and goes on. */
function secondStepDone() {
  const info = staffInfo();
  if (info) setStaffInfo({ ...info, twoFactor: 'done' });
  location.hash = nextStep();
}

/** First login: scan the QR code (or type the key) into an authenticator app, confirm a code, keep the recovery codes. */
export async function enrolView() {
  const enrolment = await api.post('/v1/staff/totp/enrol', {});
  const error = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true }, codeField(t('totpCode'), t('totpCodeHint')), error, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('totpConfirm'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = /** @type {HTMLInputElement} */ (form.querySelector('input')).value;
    try {
      const { recoveryCodes } = await api.post('/v1/staff/totp/confirm', {}, { code });
      recoveryView(recoveryCodes);
    } catch (err) {
      error.replaceChildren(alertBox(tooMany(err) ?? t('totpWrong'), 'error'));
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

/** @param {string[]} codes */
function recoveryView(codes) {
  show(
    h('h1', {}, t('recoveryTitle')),
    h('p', {}, t('recoveryIntro')),
    h('ul', { class: 'recovery-codes' }, codes.map((c) => h('li', {}, h('code', {}, c)))),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: secondStepDone }, t('recoverySaved'))),
  );
}

/** Every later login: a code from the authenticator app, or one recovery code. */
export function twoFactorView() {
  const error = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true }, codeField(t('totpCode'), t('totpOrRecovery')), error, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('staffLogin'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = /** @type {HTMLInputElement} */ (form.querySelector('input')).value;
    try {
      await api.post('/v1/staff/sessions/current/totp', {}, { code });
      secondStepDone();
    } catch (err) {
      error.replaceChildren(alertBox(tooMany(err) ?? t('totpWrong'), 'error'));
    }
  });
  show(h('h1', {}, t('twoFactorTitle')), form);
}
