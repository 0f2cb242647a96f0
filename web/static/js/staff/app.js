// The professional's client (/staff): a hash router over login, codes, a new code with
// its card, a code's follow-up view and administration. Uses only the public HTTP API.
import { h, replace } from '../dom.js';
import { t, lang, setLang } from '../i18n.js';
import './strings.js';
import { startRouter } from '../router.js';
import { api, staffInfo, setStaffInfo } from './session.js';
import { loginView, passwordView, enrolView, twoFactorView, nextStep } from './login.js';
import { codesView, newCodeView } from './codes.js';
import { followUpView } from './followup.js';
import { adminView } from './admin.js';

const routes = [
  { pattern: /^#\/password$/, view: passwordView },
  { pattern: /^#\/two-factor\/enrol$/, view: enrolView },
  { pattern: /^#\/two-factor$/, view: twoFactorView },
  { pattern: /^#\/codes\/new$/, view: newCodeView },
  { pattern: /^#\/codes\/([\w-]+)$/, view: followUpView },
  { pattern: /^#\/admin$/, view: adminView },
  { pattern: /^#\/codes$/, view: codesView },
];

function header() {
  const info = staffInfo();
  const logout = async () => {
    await api.del('/v1/staff/sessions/current').catch(() => {});
    setStaffInfo(null);
    location.hash = '#/login';
  };
  const nav = info
    ? h(
        'nav',
        { 'aria-label': t('staffTitle') },
        h(
          'ul',
          {},
          h('li', {}, h('a', { href: '#/codes' }, t('navCodes'))),
          h('li', {}, h('a', { href: '#/codes/new' }, t('navNewCode'))),
          info.role === 'admin' ? h('li', {}, h('a', { href: '#/admin' }, t('navAdmin'))) : null,
          h('li', {}, h('button', { type: 'button', class: 'link', onclick: logout }, t('logOut'))),
        ),
      )
    : null;
  const switcher = h('button', { type: 'button', class: 'link', lang: t('languageCode'), onclick: () => { setLang(t('languageCode')); route(); } }, t('language'));
  replace(/** @type {HTMLElement} */ (document.getElementById('site-header')), h('div', { class: 'inner' }, h('a', { class: 'brand', href: '#/codes' }, t('staffTitle')), nav, switcher));
  document.documentElement.lang = lang();
}

const route = startRouter({
  routes,
  fallback: '#/codes',
  loggedIn: () => Boolean(staffInfo()),
  login: loginView,
  guard: () => {
    const info = staffInfo();
    if (!info || location.hash === '#/login') return loginView;
    // The password change and the second factor come before anything else.
    const step = nextStep();
    if (step !== '#/codes' && location.hash !== step) return step;
    return undefined;
  },
  beforeEach: header,
});
