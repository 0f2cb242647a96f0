// The consent question at first login, explained plainly; both answers are equally
// easy to choose, and the answer can be changed at any time under settings.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from './session.js';
import { show } from '../shell.js';

export function consentView() {
  /** @param {boolean} share */
  const choose = async (share) => {
    await api.put('/v1/me/consent', {}, { share });
    location.hash = '#/';
  };
  show(
    h('h1', {}, t('consentTitle')),
    h('p', {}, t('consentIntro')),
    h('ul', { class: 'plain-list' }, h('li', {}, t('consentWill')), h('li', {}, t('consentWont')), h('li', {}, t('consentChange'))),
    h(
      'div',
      { class: 'choice-buttons' },
      h('button', { type: 'button', class: 'secondary strong', onclick: () => choose(true) }, t('consentYes')),
      h('button', { type: 'button', class: 'secondary strong', onclick: () => choose(false) }, t('consentNo')),
    ),
  );
}
