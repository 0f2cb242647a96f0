// Settings: consent on and off (effective at once), reminders in the calendar,
// download my data, log out, the end evaluation, and delete my data with a typed
// confirmation. Logging out and erasing also clear what the device keeps.
import { h, uid, replace } from '../dom.js';
import { t, languages, languageNames, loadedLang } from '../i18n.js';
import { switchLanguage } from './language.js';
import { api, clearToken, forgetCachedResponses } from './session.js';
import { show, alertBox } from '../shell.js';
import { forgetDevice, waiting } from './outbox.js';

/** Ends the session on this device: the token, the cached responses and what the device kept for the person. */
async function leaveDevice() {
  await forgetDevice().catch(() => {});
  forgetCachedResponses();
  clearToken();
}

export async function settingsView() {
  const [{ consent }, calendar] = await Promise.all([api.get('/v1/me/consent'), api.get('/v1/me/calendar')]);
  const status = h('div', { 'aria-live': 'polite' }, alertBox(consent ? t('consentNowYes') : t('consentNowNo')));
  const toggle = h('button', { type: 'button', class: 'secondary' }, consent ? t('consentWithdraw') : t('consentGive'));
  let current = consent;
  toggle.addEventListener('click', async () => {
    const result = await api.put('/v1/me/consent', {}, { share: !current });
    current = result.consent;
    toggle.textContent = current ? t('consentWithdraw') : t('consentGive');
    status.replaceChildren(alertBox(current ? t('consentNowYes') : t('consentNowNo'), 'success'));
  });

  const logout = h('button', { type: 'button', class: 'secondary' }, t('logOut'));
  logout.addEventListener('click', async () => {
    const unsent = (await waiting()).length;
    if (unsent && !window.confirm(t('logoutUnsent', { n: unsent }))) return;
    await api.del('/v1/sessions/current').catch(() => {});
    await leaveDevice();
    location.hash = '#/';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });

  const download = h('button', { type: 'button', class: 'secondary' }, t('downloadData'));
  download.addEventListener('click', async () => {
    const data = await api.get('/v1/me/export');
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = h('a', { href: url, download: 'mestring-data.json' });
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  });

  const confirmId = uid('confirm');
  const confirmInput = h('input', { id: confirmId, type: 'text', autocomplete: 'off', 'aria-describedby': `${confirmId}-hint` });
  const erase = h('button', { type: 'submit', class: 'danger' }, t('deleteData'));
  const eraseForm = h(
    'form',
    {},
    h('p', { id: `${confirmId}-hint` }, t('deleteConfirm')),
    h('div', { class: 'field' }, h('label', { for: confirmId }, t('deleteConfirmType', { word: t('deleteWord') })), confirmInput),
    h('div', { class: 'actions' }, erase),
  );
  eraseForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirmInput.value.trim().toUpperCase() !== t('deleteWord')) {
      confirmInput.setAttribute('aria-invalid', 'true');
      confirmInput.focus();
      return;
    }
    await api.del('/v1/me');
    await leaveDevice();
    show(h('h1', {}, t('deletedTitle')), alertBox(t('deleted'), 'success'), h('p', {}, h('a', { href: '#/' }, t('overviewBack'))));
  });

  show(
    h('h1', {}, t('settingsTitle')),
    h('section', { 'aria-labelledby': 'consent-title' }, h('h2', { id: 'consent-title' }, t('consentTitle')), status, h('p', {}, t('consentWill')), h('div', { class: 'actions' }, toggle)),
    h('section', { 'aria-labelledby': 'language-title' }, h('h2', { id: 'language-title' }, t('settingsLanguageTitle')), languageSection()),
    h('section', { 'aria-labelledby': 'calendar-title' }, h('h2', { id: 'calendar-title' }, t('calendarTitle')), calendarSection(calendar.active)),
    h('section', { 'aria-labelledby': 'data-title' }, h('h2', { id: 'data-title' }, t('yourDataTitle')), h('p', {}, t('yourDataBody')), h('div', { class: 'actions' }, download, logout)),
    h(
      'section',
      { 'aria-labelledby': 'finish-title' },
      h('h2', { id: 'finish-title' }, t('finishTitle')),
      h('p', {}, t('finishIntro')),
      h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/questionnaire/evaluation', onclick: () => sessionStorage.setItem('mestring.returnTo', '#/settings') }, t('finishEvaluate'))),
    ),
    h('section', { 'aria-labelledby': 'delete-title', class: 'danger-zone' }, h('h2', { id: 'delete-title' }, t('deleteData')), eraseForm),
  );
}

/**
 * The language of the app and of the content: native radio buttons; choosing one
 * switches at once (the server keeps it with the code) and shows the page again in it.
 */
function languageSection() {
  const status = h('div', { 'aria-live': 'polite' });
  const name = uid('language');
  const choices = languages.map((l) => {
    const input = h('input', { type: 'radio', name, value: l, checked: l === loadedLang() });
    input.addEventListener('change', async () => {
      if (!input.checked) return;
      const saved = await switchLanguage(l);
      sessionStorage.setItem('mestring.flash.settings', saved ? 'settingsLanguageSaved' : 'settingsLanguageOffline');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    return h('label', { class: 'choice' }, input, h('span', { lang: l }, languageNames[l]));
  });
  const flash = sessionStorage.getItem('mestring.flash.settings');
  if (flash) {
    sessionStorage.removeItem('mestring.flash.settings');
    status.append(alertBox(t(flash), flash === 'settingsLanguageSaved' ? 'success' : 'info'));
  }
  return h('div', {}, h('fieldset', { class: 'field' }, h('legend', {}, t('settingsLanguageIntro')), h('div', { class: 'choices' }, choices)), status);
}

/**
 * Reminders in the person's own calendar app, through a secret link (no contact details).
 * @param {boolean} active
 */
function calendarSection(active) {
  const holder = h('div', { 'aria-live': 'polite' });
  /** @param {boolean} state @param {string} [link] */
  const render = (state, link) => {
    const make = h('button', { type: 'button', class: 'secondary' }, state ? t('calendarRenew') : t('calendarMake'));
    make.addEventListener('click', async () => {
      const created = await api.post('/v1/me/calendar', {});
      render(true, `${location.origin}${created.path}`);
    });
    const remove = h('button', { type: 'button', class: 'secondary' }, t('calendarDelete'));
    remove.addEventListener('click', async () => {
      await api.del('/v1/me/calendar');
      render(false);
      holder.prepend(alertBox(t('calendarDeleted'), 'success'));
    });
    const linkId = uid('calendar');
    replace(
      holder,
      h('p', {}, t('calendarIntro')),
      link
        ? h(
            'div',
            { class: 'field' },
            h('label', { for: linkId }, t('calendarLink')),
            h('p', { class: 'hint', id: `${linkId}-hint` }, t('calendarHowTo')),
            h('input', { id: linkId, type: 'text', readonly: true, value: link, 'aria-describedby': `${linkId}-hint` }),
          )
        : state
          ? h('p', {}, t('calendarActive'))
          : null,
      h('div', { class: 'actions' }, make, state ? remove : null),
    );
  };
  render(active);
  return holder;
}
