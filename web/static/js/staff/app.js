// The professional's client (/staff): a hash router over login, codes, a new code with
// its card, a code's follow-up view, group courses, the service's figures, the audit log and
// administration. Uses only the public HTTP API.
import { h } from '../dom.js';
import { t, loadLanguage } from '../i18n.js';
import './strings.js';
import { startRouter } from '../router.js';
import { renderHeader, renderFooter } from '../shell.js';
import { api, staffInfo, setStaffInfo } from './session.js';
import { loginView, passwordView, enrolView, twoFactorView, nextStep } from './login.js';

await loadLanguage();

// The views after login are loaded when first shown.
const routes = [
  { pattern: /^#\/password$/, view: passwordView },
  { pattern: /^#\/two-factor\/enrol$/, view: enrolView },
  { pattern: /^#\/two-factor$/, view: twoFactorView },
  { pattern: /^#\/codes\/new$/, view: () => import('./codes.js').then((m) => m.newCodeView()) },
  { pattern: /^#\/codes\/([\w-]+)$/, view: (/** @type {string} */ ref) => import('./followup.js').then((m) => m.followUpView(ref)) },
  { pattern: /^#\/admin$/, view: () => import('./admin.js').then((m) => m.adminView()) },
  { pattern: /^#\/groups$/, view: () => import('./groups.js').then((m) => m.groupsView()) },
  { pattern: /^#\/groups\/([\w-]+)$/, view: (/** @type {string} */ ref) => import('./groups.js').then((m) => m.groupView(ref)) },
  { pattern: /^#\/report$/, view: () => import('./report.js').then((m) => m.reportView()) },
  { pattern: /^#\/audit$/, view: () => import('./audit.js').then((m) => m.auditView()) },
  { pattern: /^#\/codes$/, view: () => import('./codes.js').then((m) => m.codesView()) },
];

/** @param {() => void} rerender */
function frame(rerender) {
  const info = staffInfo();
  const logout = async () => {
    await api.del('/v1/staff/sessions/current').catch(() => {});
    setStaffInfo(null);
    location.hash = '#/login';
  };
  const ready = info && nextStep() === '#/codes';
  renderHeader({
    brand: t('staffTitle'),
    home: '#/codes',
    nav: ready
      ? [
          { href: '#/codes', label: t('navCodes') }, { href: '#/codes/new', label: t('navNewCode') }, { href: '#/groups', label: t('navGroups') }, { href: '#/report', label: t('navReport') },
          ...(info.role === 'admin' ? [{ href: '#/audit', label: t('navAudit') }, { href: '#/admin', label: t('navAdmin') }] : []),
        ]
      : [],
    after: info ? h('div', { class: 'header-actions' }, h('button', { type: 'button', class: 'link', onclick: logout }, t('logOut'))) : null,
    onLanguage: rerender,
  });
  renderFooter(h('p', {}, t('staffTitle')));
}

startRouter({
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
  beforeEach: frame,
});
