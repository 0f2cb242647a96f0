// Answering a questionnaire or the check-in, one item at a time, and the help block
// shown first, before anything else, when an answer raises a risk flag.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { renderQuestionnaire } from '../questionnaire.js';
import { api } from './session.js';
import { show, alertBox } from './shell.js';

/** Where to get help now. Shown before anything else when the server returns a safety block. */
export function safetyView(safety, onDone) {
  const block = h(
    'section',
    { class: 'safety-block', role: 'alert', 'aria-labelledby': 'safety-title' },
    h('h1', { id: 'safety-title' }, safety.title ?? t('safetyTitle')),
    h('p', {}, safety.message ?? t('safetyIntro')),
    h(
      'ul',
      {},
      safety.contacts.map((c) =>
        h('li', {}, h('strong', {}, c.name), ': ', h('a', { href: `tel:${c.phone.replace(/\s+/g, '')}` }, c.phone), c.when ? h('span', { class: 'muted' }, ` – ${c.when}`) : null),
      ),
    ),
  );
  show(block, h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: onDone }, t('safetyContinue'))));
}

function returnTo() {
  const back = sessionStorage.getItem('mestring.returnTo') ?? '#/';
  sessionStorage.removeItem('mestring.returnTo');
  return back;
}

export async function questionnaireView(id) {
  const { instrument } = await api.get(`/v1/me/questionnaires/${encodeURIComponent(id)}`);
  const back = returnTo();
  show(
    renderQuestionnaire(instrument, {
      onCancel: () => { location.hash = back; },
      onSubmit: async (answers) => {
        const result = await api.post(`/v1/me/questionnaires/${encodeURIComponent(id)}/responses`, { answers });
        if (result.safety) {
          safetyView(result.safety, () => { location.hash = back; });
          return;
        }
        location.hash = back;
      },
    }),
  );
}

export async function checkinView() {
  const { instrument } = await api.get('/v1/me/questionnaires/checkin');
  show(
    renderQuestionnaire(instrument, {
      onCancel: () => { location.hash = '#/'; },
      onSubmit: async (ratings) => {
        await api.post('/v1/me/checkins', { ratings });
        show(h('h1', {}, t('checkinTitle')), alertBox(t('checkinThanks'), 'success'), h('p', {}, h('a', { href: '#/' }, t('backHome'))));
      },
    }),
  );
}
