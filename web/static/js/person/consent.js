// The consent question at first login, explained plainly; the answer can be changed
// at any time under settings and takes effect at once.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from './session.js';
import { show } from './shell.js';

export function consentView() {
  const choose = async (share) => {
    await api.put('/v1/me/consent', { share });
    location.hash = '#/';
  };
  show(
    h('h1', {}, t('consentTitle')),
    h('p', {}, t('consentIntro')),
    h('ul', {}, h('li', {}, t('consentWill')), h('li', {}, t('consentWont')), h('li', {}, t('consentChange'))),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => choose(true) }, t('consentYes')), h('button', { type: 'button', class: 'secondary', onclick: () => choose(false) }, t('consentNo'))),
  );
}
