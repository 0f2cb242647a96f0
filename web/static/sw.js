// The person's app on the device. Keeps the app itself (the page, scripts, styles,
// icons) and the person's own API responses that the app read (parts already opened,
// the overview, the questionnaires), so they can be read without a connection. Always
// the network first: what is kept is used only when the network fails, and such a
// response says so (x-mestring-from-device). The person's responses are kept per
// session (by a hash of the token), so no one else's session can read them, and they
// are dropped on logout and erasure ("forget-person"). Writes are never cached: the
// page keeps entries written offline itself (static/js/person/outbox.js).
// The staff pages and every other route pass straight through.
/// <reference lib="webworker" />

const shellCache = 'mestring-shell-v2';
const personPrefix = 'mestring-person-';

/** Everything the person's app needs to start without a connection (a test checks the list against web/static). */
const shell = [
  '/',
  '/static/mestring.css',
  '/static/manifest.webmanifest',
  '/static/icons/icon.svg',
  '/static/icons/icon-192.png',
  '/static/icons/icon-512.png',
  '/static/icons/icon-maskable-512.png',
  '/static/js/api.js',
  '/static/js/blocks.js',
  '/static/js/chart.js',
  '/static/js/code-check.js',
  '/static/js/code-field.js',
  '/static/js/dom.js',
  '/static/js/entry-summary.js',
  '/static/js/fields.js',
  '/static/js/format.js',
  '/static/js/i18n.js',
  '/static/js/idb.js',
  '/static/js/proof-of-work-worker.js',
  '/static/js/proof-of-work.js',
  '/static/js/questionnaire.js',
  '/static/js/router.js',
  '/static/js/shell.js',
  '/static/js/strings/en.js',
  '/static/js/strings/nb.js',
  '/static/js/strings/nn.js',
  '/static/js/person/about.js',
  '/static/js/person/answer.js',
  '/static/js/person/app.js',
  '/static/js/person/consent.js',
  '/static/js/person/content-language.js',
  '/static/js/person/drafts.js',
  '/static/js/person/help.js',
  '/static/js/person/home.js',
  '/static/js/person/language.js',
  '/static/js/person/login.js',
  '/static/js/person/offline.js',
  '/static/js/person/outbox.js',
  '/static/js/person/progress.js',
  '/static/js/person/section.js',
  '/static/js/person/session.js',
  '/static/js/person/settings.js',
];

/** The person's routes whose answers are kept for reading offline. */
const personRoutes = [/^\/v1\/me$/, /^\/v1\/me\/program$/, /^\/v1\/me\/sections\/[\w-]+$/, /^\/v1\/me\/questionnaires(\/[\w-]+)?$/, /^\/v1\/me\/scores$/, /^\/v1\/me\/checkins$/, /^\/v1\/me\/consent$/];

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(shellCache).then((cache) => cache.addAll(shell)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mestring-shell-') && k !== shellCache).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

/** Drops every cache of the person's responses. */
const forgetPerson = () => caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith(personPrefix)).map((k) => caches.delete(k))));

sw.addEventListener('message', (event) => {
  if (event.data?.type === 'forget-person') event.waitUntil(forgetPerson());
});

/**
 * The cache for one session's responses: named by a hash of its token.
 * @param {string} authorization
 */
async function personCacheName(authorization) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(authorization));
  return personPrefix + [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The network first; on success the response is kept, on failure the kept one is
 * returned (marked as coming from the device), or a network error.
 * @param {Request} request
 * @param {string} cacheName
 * @param {string} [key] the cache key, when it differs from the request (the page at /)
 */
async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.status === 200) await cache.put(key ?? request, response.clone());
    return response;
  } catch {
    const kept = await cache.match(key ?? request, { ignoreVary: true, ignoreSearch: key !== undefined });
    if (!kept) return Response.error();
    const headers = new Headers(kept.headers);
    headers.set('x-mestring-from-device', '1');
    return new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers });
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname === '/' && request.mode === 'navigate') {
    event.respondWith(networkFirst(request, shellCache, '/'));
    return;
  }
  if (url.pathname.startsWith('/static/') || url.pathname === '/v1/programs' || /^\/v1\/programs\/[\w-]+$/.test(url.pathname)) {
    event.respondWith(networkFirst(request, shellCache));
    return;
  }
  const authorization = request.headers.get('authorization');
  if (authorization && personRoutes.some((r) => r.test(url.pathname))) {
    event.respondWith(personCacheName(authorization).then((name) => networkFirst(request, name)));
  }
});
