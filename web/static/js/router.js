// The hash router both apps share: match a route, let the app's guard send the
// visitor elsewhere (to log in, to change a password), show the view, and show a
// plain message when a view fails. The skip link moves focus without touching the hash.
import { h } from './dom.js';
import { t } from './i18n.js';
import { OfflineError } from './api.js';
import { show, alertBox, loading } from './shell.js';

/**
 * @typedef {{ pattern: RegExp, view: (...params: string[]) => unknown, public?: boolean }} Route
 * @param {{
 *   routes: Route[],
 *   fallback: string,
 *   guard: (route: Route | undefined) => string | (() => unknown) | undefined,
 *   loggedIn: () => boolean,
 *   login: () => unknown,
 *   beforeEach?: (rerender: () => void) => void,
 * }} options
 * @returns {() => Promise<void>} renders the current route again
 */
export function startRouter({ routes, fallback, guard, loggedIn, login, beforeEach }) {
  async function route() {
    beforeEach?.(route);
    const found = routes.map((r) => ({ r, m: r.pattern.exec(location.hash) })).find((x) => x.m);
    const redirect = guard(found?.r);
    if (typeof redirect === 'function') {
      await redirect();
      return;
    }
    if (typeof redirect === 'string') {
      location.hash = redirect;
      return;
    }
    if (!found || !found.m) {
      location.hash = fallback;
      return;
    }
    loading();
    try {
      await found.r.view(...found.m.slice(1));
    } catch (err) {
      if (!loggedIn()) {
        await login();
        return;
      }
      show(h('h1', {}, err instanceof OfflineError ? t('offlineTitle') : t('errorTitle')), alertBox(err instanceof OfflineError ? t('offlineNotSaved') : t('errorGeneric'), 'error'));
      if (!(err instanceof OfflineError)) console.error(err);
    }
  }

  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  });
  window.addEventListener('hashchange', route);
  route();
  return route;
}
