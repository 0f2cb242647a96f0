// The person's client: a hash router over the views. Uses only the public HTTP API.
// Installable: a service worker keeps the app and the parts already opened on the
// device, and entries written without a connection are sent when it is back.
import { h } from '../dom.js';
import { t, loadLanguage, loadedLang } from '../i18n.js';
import { startRouter } from '../router.js';
import { renderHeader, renderFooter } from '../shell.js';
import { getToken } from './session.js';
import { loginView } from './login.js';
import { languageChosenBeforeLogin, saveLanguage } from './language.js';
import { startSending } from './outbox.js';
import { connectionStatus, registerServiceWorker } from './offline.js';

await loadLanguage();

// Each view is loaded when it is first shown, so the first page loads only what it needs.
const routes = [
  { pattern: /^#\/programs\/([\w-]+)$/, view: (/** @type {string} */ id) => import('./login.js').then((m) => m.programOverviewView(id)), public: true },
  { pattern: /^#\/about$/, view: () => import('./about.js').then((m) => m.aboutView()), public: true },
  { pattern: /^#\/consent$/, view: () => import('./consent.js').then((m) => m.consentView()) },
  { pattern: /^#\/section\/([\w-]+)$/, view: (/** @type {string} */ id) => import('./section.js').then((m) => m.sectionView(id)) },
  { pattern: /^#\/questionnaire\/([\w-]+)$/, view: (/** @type {string} */ id) => import('./answer.js').then((m) => m.questionnaireView(id)) },
  { pattern: /^#\/checkin$/, view: () => import('./answer.js').then((m) => m.checkinView()) },
  { pattern: /^#\/progress$/, view: () => import('./progress.js').then((m) => m.progressView()) },
  { pattern: /^#\/settings$/, view: () => import('./settings.js').then((m) => m.settingsView()) },
  { pattern: /^(#\/?)?$/, view: () => import('./home.js').then((m) => m.homeView()) },
];

const status = connectionStatus();

/** @param {() => void} rerender */
function frame(rerender) {
  renderHeader({
    brand: t('appName'),
    home: '#/',
    nav: getToken() ? [{ href: '#/', label: t('navHome') }, { href: '#/progress', label: t('navProgress') }, { href: '#/settings', label: t('navSettings') }] : [],
    after: status.element,
    // A logged-in person's content follows the app's language: the server keeps the choice.
    onLanguage: async () => {
      if (getToken()) await saveLanguage(loadedLang());
      else languageChosenBeforeLogin();
      rerender();
    },
  });
  status.render();
  renderFooter(h('p', {}, h('a', { href: '#/about' }, t('aboutTitle'))), h('p', {}, t('footerEmergency')));
}

startRouter({
  routes,
  fallback: '#/',
  loggedIn: () => Boolean(getToken()),
  login: loginView,
  guard: (found) => (!getToken() && !found?.public ? loginView : undefined),
  beforeEach: frame,
});

registerServiceWorker();
startSending();
