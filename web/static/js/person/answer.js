// Answering a questionnaire or the check-in, one item at a time, and the help screen
// shown first, before anything else, when an answer raises a risk flag.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { renderQuestionnaire } from '../questionnaire.js';
import { api } from './session.js';
import { show, alertBox } from '../shell.js';
import { safetyScreen } from './help.js';
import { contentLangOf } from './content-language.js';

/** Where to go after answering (set by the page that opened the questionnaire). */
function returnTo() {
  const back = sessionStorage.getItem('mestring.returnTo') ?? '#/';
  sessionStorage.removeItem('mestring.returnTo');
  return back;
}

/**
 * A footnote: our own wording of a published questionnaire says so by name ("Egen norsk
 * tilpasning av PHQ-9 ..."); where the wording comes from is told on the about page.
 * @param {{ wording?: { source?: string, label?: string } }} instrument
 * @param {string} [lang] the content's language
 */
const aboutNote = (instrument, lang) => h('p', { class: 'footnote' },
  instrument.wording?.source === 'adapted' && instrument.wording.label ? h('span', { lang }, `${instrument.wording.label} `) : null,
  h('a', { href: '#/about' }, t('aboutQuestionnaires')));

/**
 * @param {import('../../../types/client').Schemas['Safety']} safety
 * @param {string} back
 */
async function showSafety(safety, back) {
  const me = await api.get('/v1/me').catch(() => null);
  show(...safetyScreen(safety, { consent: me?.consent ?? null, service: me?.help?.service ?? null }, () => { location.hash = back; }));
}

/** @param {string} id */
export async function questionnaireView(id) {
  const [{ instrument }, program] = await Promise.all([api.get('/v1/me/questionnaires/{id}', { id }), api.get('/v1/me/program')]);
  const back = returnTo();
  show(
    renderQuestionnaire(/** @type {any} */ (instrument), {
      contentLang: contentLangOf(program),
      footer: aboutNote(/** @type {any} */ (instrument), contentLangOf(program)),
      onCancel: () => { location.hash = back; },
      onSubmit: async (answers) => {
        const result = await api.post('/v1/me/questionnaires/{id}/responses', { id }, { answers });
        if (result.safety) await showSafety(result.safety, back);
        else location.hash = back;
      },
    }),
  );
}

export async function checkinView() {
  const [{ instrument }, program] = await Promise.all([api.get('/v1/me/questionnaires/{id}', { id: 'checkin' }), api.get('/v1/me/program')]);
  show(
    renderQuestionnaire(/** @type {any} */ (instrument), {
      contentLang: contentLangOf(program),
      onCancel: () => { location.hash = '#/'; },
      onSubmit: async (ratings) => {
        await api.post('/v1/me/checkins', {}, { ratings: /** @type {Record<string, number | null>} */ (ratings) });
        show(
          h('h1', {}, t('checkinDoneTitle')),
          alertBox(t('checkinThanks'), 'success'),
          h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/' }, t('toOverview'))),
        );
      },
    }),
  );
}
