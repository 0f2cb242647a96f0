// The page frame of the person's client: header with navigation and language switch,
// the main region views render into, and focus moved to each new view's heading.
import { h, replace } from '../dom.js';
import { t, lang, setLang } from '../i18n.js';
import { getToken } from './session.js';

const main = () => /** @type {HTMLElement} */ (document.getElementById('main'));

/** Renders the header for the current state (logged in or not). */
export function renderHeader(onLanguage) {
  const header = /** @type {HTMLElement} */ (document.getElementById('site-header'));
  const loggedIn = Boolean(getToken());
  const nav = loggedIn
    ? h(
        'nav',
        { 'aria-label': t('appName') },
        h('ul', {}, h('li', {}, h('a', { href: '#/' }, t('navHome'))), h('li', {}, h('a', { href: '#/progress' }, t('navProgress'))), h('li', {}, h('a', { href: '#/settings' }, t('navSettings')))),
      )
    : null;
  const switcher = h(
    'button',
    { type: 'button', class: 'link', lang: t('languageCode'), onclick: () => { setLang(t('languageCode')); onLanguage(); } },
    t('language'),
  );
  replace(header, h('div', { class: 'inner' }, h('a', { class: 'brand', href: '#/' }, t('appName')), nav, switcher));
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('skipToContent');
  document.documentElement.lang = lang();
}

/** Shows a view: replaces the main region and moves focus to its first heading. */
export function show(...children) {
  const el = main();
  replace(el, ...children);
  const heading = /** @type {HTMLElement|null} */ (el.querySelector('h1'));
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
    document.title = `${heading.textContent} – ${t('appName')}`;
  }
  window.scrollTo(0, 0);
}

/** A message box; `kind` is info, error or success. */
export function alertBox(text, kind = 'info') {
  return h('div', { class: `alert ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('p', {}, text));
}

export function loading() {
  show(h('p', { role: 'status' }, t('loading')));
}
