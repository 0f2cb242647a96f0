// The person's client: a hash router over the views. Uses only the public HTTP API.
import { t } from '../i18n.js';
import { getToken } from './session.js';
import { renderHeader, show, alertBox, loading } from './shell.js';
import { loginView, programOverviewView } from './login.js';
import { consentView } from './consent.js';
import { homeView } from './home.js';
import { sectionView } from './section.js';
import { questionnaireView, checkinView } from './answer.js';
import { progressView } from './progress.js';
import { settingsView } from './settings.js';

const routes = [
  { pattern: /^#\/programs\/([\w-]+)$/, view: programOverviewView, public: true },
  { pattern: /^#\/consent$/, view: consentView },
  { pattern: /^#\/section\/([\w-]+)$/, view: sectionView },
  { pattern: /^#\/questionnaire\/([\w-]+)$/, view: questionnaireView },
  { pattern: /^#\/checkin$/, view: checkinView },
  { pattern: /^#\/progress$/, view: progressView },
  { pattern: /^#\/settings$/, view: settingsView },
  { pattern: /^(#\/?)?$/, view: homeView },
];

async function route() {
  renderHeader(route);
  const hash = location.hash;
  const match = routes.map((r) => ({ r, m: r.pattern.exec(hash) })).find((x) => x.m);
  if (!getToken() && !match?.r.public) return loginView();
  if (!match) {
    location.hash = '#/';
    return undefined;
  }
  loading();
  try {
    await match.r.view(...match.m.slice(1));
  } catch (err) {
    if (!getToken()) return loginView();
    show(alertBox(t('errorGeneric'), 'error'));
    console.error(err);
  }
  return undefined;
}

// The skip link must not touch the hash: the hash is the router's.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});
window.addEventListener('hashchange', route);
route();
