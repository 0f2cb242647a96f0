// The person's client: a hash router over the views. Uses only the public HTTP API.
import { startRouter } from '../router.js';
import { getToken } from './session.js';
import { renderHeader } from './shell.js';
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

startRouter({
  routes,
  fallback: '#/',
  loggedIn: () => Boolean(getToken()),
  login: loginView,
  guard: (found) => (!getToken() && !found?.public ? loginView : undefined),
  beforeEach: renderHeader,
});
