// Where to get help now: the service's own phone and the organisation's help contacts
// (GET /v1/me gives them), reachable from every part page, and the screen shown at
// once when an answer raises a risk flag, saying honestly who will see the answer.
import { h } from '../dom.js';
import { t, loadedLang } from '../i18n.js';

/** @typedef {import('../../../types/client').Schemas['Help']} Help */
/** @typedef {import('../../../types/client').Schemas['Safety']} Safety */

/**
 * A phone number as a link that dials it.
 * @param {string} phone
 */
export const phoneLink = (phone) => h('a', { href: `tel:${phone.replace(/\s+/g, '')}`, class: 'phone' }, phone);

/**
 * The contacts: the service itself first (when it has a phone), then the help lines.
 * @param {Safety} safety
 * @param {Help['service'] | null | undefined} service
 */
export function contactList(safety, service) {
  return h(
    'ul',
    { class: 'contacts', lang: 'nb' },
    service?.phone ? h('li', {}, h('span', { class: 'contact-name' }, service.name), ' ', phoneLink(service.phone), service.when ? h('span', { class: 'contact-when' }, service.when) : null) : null,
    safety.contacts.map((c) => h('li', {}, h('span', { class: 'contact-name' }, c.name), ' ', phoneLink(c.phone), c.when ? h('span', { class: 'contact-when' }, c.when) : null)),
  );
}

/**
 * The organisation's words when the app is in bokmål (they are written in bokmål);
 * the app's own translation otherwise.
 * @param {Safety} safety
 */
function words(safety) {
  return loadedLang() === 'nb' ? { title: safety.title, message: safety.message } : { title: t('safetyTitle'), message: t('safetyIntro') };
}

/**
 * "Trenger du hjelp nå?" on every part page: closed until opened, so it is always one tap away.
 * @param {Help | null | undefined} help
 */
export function helpNow(help) {
  if (!help) return null;
  return h(
    'details',
    { class: 'help-now' },
    h('summary', {}, t('helpNow')),
    h('div', { class: 'help-body' }, h('p', {}, t('helpNowIntro')), contactList(help.safety, help.service), h('p', { class: 'muted' }, t('notEmergencyService'))),
  );
}

/**
 * The safety screen, before anything else, after an answer that raises a risk flag.
 * @param {Safety} safety from the answer's response
 * @param {{ consent: boolean | null, service: Help['service'] | null }} who
 * @param {() => void} onDone
 */
export function safetyScreen(safety, who, onDone) {
  const { title, message } = words(safety);
  const serviceName = who.service?.name || t('theService');
  return [
    h(
      'section',
      { class: 'safety-block', role: 'alert', 'aria-labelledby': 'safety-title' },
      h('h1', { id: 'safety-title' }, title),
      h('p', {}, message),
      contactList(safety, who.service),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'who-sees' },
      h('h2', { id: 'who-sees' }, t('whoSeesTitle')),
      h('p', {}, who.consent ? t('whoSeesConsent', { service: serviceName }) : t('whoSeesNobody')),
      h('p', {}, t('notEmergencyService')),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: onDone }, t('safetyContinue'))),
  ];
}
