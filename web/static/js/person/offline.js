// The app on the device: registering the service worker (public/sw.js) and a short
// status under the header when there is no connection or something is waiting to be
// sent ("Lagret på telefonen, sendes når du er på nett").
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { waiting } from './outbox.js';

/** Registers the service worker for the whole site (the server allows the scope). */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/static/sw.js', { scope: '/', type: 'classic' }).catch(() => {
    /* the app works without it, only not offline */
  });
}

/** The connection status line: its element, and render() to update it. */
export function connectionStatus() {
  const element = h('div', { class: 'net-status', role: 'status' });
  let justSent = 0;
  let fromDevice = false;
  const render = async () => {
    const count = (await waiting().catch(() => [])).length;
    const problems = (await waiting().catch(() => [])).filter((w) => w.problem).length;
    /** @type {string[]} */
    const lines = [];
    // Offline when the browser says so, or when the last answer had to come from the device.
    if (!navigator.onLine || fromDevice) {
      lines.push(count ? t('offlineWaiting', { n: count }) : t('offlineNothingWaiting'));
      if (fromDevice) lines.push(t('showingFromDevice'));
    } else if (problems) lines.push(t('waitingProblems', { n: problems }));
    else if (count) lines.push(t('sendingWaiting', { n: count }));
    else if (justSent) lines.push(t('sentAfterOffline', { n: justSent }));
    replace(element, lines.map((line) => h('p', {}, line)));
    element.hidden = lines.length === 0;
  };
  window.addEventListener('online', () => { fromDevice = false; void render(); });
  window.addEventListener('offline', () => void render());
  window.addEventListener('mestring:from-device', () => { if (!fromDevice) { fromDevice = true; void render(); } });
  window.addEventListener('mestring:from-network', () => { if (fromDevice) { fromDevice = false; void render(); } });
  window.addEventListener('mestring:outbox', (event) => {
    const { sent } = /** @type {CustomEvent<import('./outbox.js').OutboxChange>} */ (event).detail;
    if (sent.length) {
      justSent = sent.length;
      fromDevice = false;
    }
    void render();
  });
  window.addEventListener('hashchange', () => { justSent = 0; });
  return { element, render };
}
