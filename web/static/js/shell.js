// The page frame both apps share: the header with navigation and the language choice,
// the footer, the main region views render into, and focus management: after the
// first view, each new view's heading takes focus, so screen readers announce it.
import { h, replace } from './dom.js';
import { t, languages, languageNames, loadedLang, setLang } from './i18n.js';

const main = () => /** @type {HTMLElement} */ (document.getElementById('main'));

let firstView = true;
/** @type {number | undefined} */
let loadingTimer;

/**
 * Renders the header: the brand, the navigation (the current page marked) and the language choice.
 * @param {{ brand: string, home: string, nav: { href: string, label: string }[], after?: HTMLElement | null, onLanguage: () => void }} options
 */
export function renderHeader({ brand, home, nav, after, onLanguage }) {
  const header = /** @type {HTMLElement} */ (document.getElementById('site-header'));
  const here = location.hash || home;
  const navigation = nav.length
    ? h(
        'nav',
        { 'aria-label': t('mainNavigation') },
        h('ul', {}, nav.map((item) => h('li', {}, h('a', { href: item.href, 'aria-current': here === item.href || (item.href !== home && here.startsWith(`${item.href}/`)) ? 'page' : undefined }, item.label)))),
      )
    : null;
  replace(header, h('div', { class: 'inner' }, h('a', { class: 'brand', href: home }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), brand), languageChoice(onLanguage), navigation, after ?? null));
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('skipToContent');
}

/**
 * Bokmål / Nynorsk / English as three buttons; the current one is pressed.
 * @param {() => void} onLanguage called after the new language is loaded
 */
export function languageChoice(onLanguage) {
  return h(
    'div',
    { class: 'languages', role: 'group', 'aria-label': t('languageChoice') },
    languages.map((l) =>
      h(
        'button',
        {
          type: 'button',
          class: 'language',
          lang: l,
          'aria-pressed': String(l === loadedLang()),
          onclick: async () => {
            if (l === loadedLang()) return;
            await setLang(l);
            onLanguage();
          },
        },
        languageNames[l],
      ),
    ),
  );
}

/**
 * Renders the footer.
 * @param {...import('./dom.js').Children} children
 */
export function renderFooter(...children) {
  const footer = document.querySelector('footer.site');
  if (footer) replace(footer, h('div', { class: 'inner' }, children));
}

/**
 * Shows a view: replaces the main region and, except for the first view after the
 * page loads, moves focus to its heading (no focus ring is drawn on a heading: it is
 * not a control) so that the change is announced.
 * @param {...import('./dom.js').Children} children
 */
export function show(...children) {
  clearTimeout(loadingTimer);
  const el = main();
  el.removeAttribute('aria-busy');
  replace(el, ...children);
  const heading = /** @type {HTMLElement | null} */ (el.querySelector('h1'));
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    if (!firstView) heading.focus({ preventScroll: true });
    document.title = `${heading.textContent} – ${t('appName')}`;
  }
  firstView = false;
  window.scrollTo(0, 0);
}

/** Marks the main region busy, and says "Loading" if the view takes a moment. */
export function loading() {
  const el = main();
  el.setAttribute('aria-busy', 'true');
  clearTimeout(loadingTimer);
  loadingTimer = window.setTimeout(() => replace(el, h('p', { role: 'status', class: 'loading' }, t('loading'))), 400);
}

/**
 * A message box; `kind` is info, error or success.
 * @param {string | Node} content
 * @param {'info' | 'error' | 'success' | 'warning'} [kind]
 */
export function alertBox(content, kind = 'info') {
  return h('div', { class: `alert ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, typeof content === 'string' ? h('p', {}, content) : content);
}
