// Settings: consent on and off (effective at once), log out, download my data, and
// delete my data with a typed confirmation.
import { h, uid, replace } from '../dom.js';
import { t } from '../i18n.js';
import { api, clearToken } from './session.js';
import { show, alertBox } from './shell.js';

export async function settingsView() {
  const [{ consent }, calendar] = await Promise.all([api.get('/v1/me/consent'), api.get('/v1/me/calendar')]);
  const status = h('div', { 'aria-live': 'polite' }, alertBox(consent ? t('consentNowYes') : t('consentNowNo')));
  const toggle = h('button', { type: 'button', class: 'secondary' }, consent ? t('consentWithdraw') : t('consentGive'));
  let current = consent;
  toggle.addEventListener('click', async () => {
    const result = await api.put('/v1/me/consent', { share: !current });
    current = result.consent;
    toggle.textContent = current ? t('consentWithdraw') : t('consentGive');
    status.replaceChildren(alertBox(current ? t('consentNowYes') : t('consentNowNo'), 'success'));
  });

  const logout = h('button', { type: 'button', class: 'secondary' }, t('logOut'));
  logout.addEventListener('click', async () => {
    await api.del('/v1/sessions/current').catch(() => {});
    clearToken();
    location.hash = '#/';
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
  const confirmInput = h('input', { id: confirmId, type: 'text', autocomplete: 'off' });
  const erase = h('button', { type: 'submit', class: 'danger' }, t('deleteData'));
  const eraseForm = h('form', {}, h('p', {}, t('deleteConfirm')), h('div', { class: 'field' }, h('label', { for: confirmId }, t('deleteConfirmType')), confirmInput), erase);
  eraseForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (/** @type {HTMLInputElement} */ (confirmInput).value.trim().toUpperCase() !== t('deleteWord')) {
      confirmInput.setAttribute('aria-invalid', 'true');
      confirmInput.focus();
      return;
    }
    await api.del('/v1/me');
    clearToken();
    show(h('h1', {}, t('settingsTitle')), alertBox(t('deleted'), 'success'), h('p', {}, h('a', { href: '#/' }, t('overviewBack'))));
  });

  show(
    h('h1', {}, t('settingsTitle')),
    h('h2', {}, t('consentTitle')),
    status,
    h('p', {}, t('consentWill')),
    h('div', { class: 'actions' }, toggle),
    h('h2', {}, t('calendarTitle')),
    calendarSection(calendar.active),
    h('h2', {}, t('downloadData')),
    h('div', { class: 'actions' }, download, logout),
    h('h2', {}, t('finishTitle')),
    h('p', {}, t('finishIntro')),
    h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/questionnaire/evaluation', onclick: () => sessionStorage.setItem('mestring.returnTo', '#/settings') }, t('finishEvaluate'))),
    h('h2', {}, t('deleteData')),
    eraseForm,
  );
}

/** Reminders in the person's own calendar app, through a secret link (no contact details). */
function calendarSection(active) {
  const holder = h('div', { 'aria-live': 'polite' });
  const render = (state, link) => {
    const make = h('button', { type: 'button', class: 'secondary' }, state ? t('calendarRenew') : t('calendarMake'));
    make.addEventListener('click', async () => {
      const created = await api.post('/v1/me/calendar');
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
