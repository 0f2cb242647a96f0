// The person's client: a hash router over the views. Uses only the public HTTP API.
// Installable: a service worker keeps the app and the parts already opened on the
// device, and entries written without a connection are sent when it is back.
import { h } from '../dom.js';
import { t, loadLanguage } from '../i18n.js';
import { startRouter } from '../router.js';
import { renderHeader, renderFooter } from '../shell.js';
import { getToken } from './session.js';
import { loginView, programOverviewView } from './login.js';
import { consentView } from './consent.js';
import { homeView } from './home.js';
import { sectionView } from './section.js';
import { questionnaireView, checkinView } from './answer.js';
import { progressView } from './progress.js';
import { settingsView } from './settings.js';
import { aboutView } from './about.js';
import { startSending } from './outbox.js';
import { connectionStatus, registerServiceWorker } from './offline.js';

await loadLanguage();

const routes = [
  { pattern: /^#\/programs\/([\w-]+)$/, view: programOverviewView, public: true },
  { pattern: /^#\/about$/, view: aboutView, public: true },
  { pattern: /^#\/consent$/, view: consentView },
  { pattern: /^#\/section\/([\w-]+)$/, view: sectionView },
  { pattern: /^#\/questionnaire\/([\w-]+)$/, view: questionnaireView },
  { pattern: /^#\/checkin$/, view: checkinView },
  { pattern: /^#\/progress$/, view: progressView },
  { pattern: /^#\/settings$/, view: settingsView },
  { pattern: /^(#\/?)?$/, view: homeView },
];

const status = connectionStatus();

/** @param {() => void} rerender */
function frame(rerender) {
  renderHeader({
    brand: t('appName'),
    home: '#/',
    nav: getToken() ? [{ href: '#/', label: t('navHome') }, { href: '#/progress', label: t('navProgress') }, { href: '#/settings', label: t('navSettings') }] : [],
    after: status.element,
    onLanguage: rerender,
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
