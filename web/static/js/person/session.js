// The person's session: the token lives in localStorage with "remember me", otherwise
// in sessionStorage (gone when the browser closes). Beside it is the owner key, a hash
// of the code, which ties what is kept on the device (entries not sent yet, unsaved
// text) to the person, so that it is sent after the next login with the same code and
// never shown to anyone else. Nothing else about the person is kept.
import { createApi } from '../api.js';
import { normaliseCode } from '../code-check.js';

const tokenKey = 'mestring.token';
const ownerKey = 'mestring.owner';

export function getToken() {
  return localStorage.getItem(tokenKey) ?? sessionStorage.getItem(tokenKey);
}

/** The owner key of the logged-in person, or null. */
export function getOwner() {
  return localStorage.getItem(ownerKey) ?? sessionStorage.getItem(ownerKey);
}

/**
 * The owner key of a code: SHA-256 of the normalised code, hex.
 * @param {string} code
 */
export async function ownerOf(code) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`mestring-device:${normaliseCode(code)}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Starts a session after login.
 * @param {string} token
 * @param {boolean} remember
 * @param {string} owner
 */
export function setSession(token, remember, owner) {
  clearToken();
  const storage = remember ? localStorage : sessionStorage;
  storage.setItem(tokenKey, token);
  storage.setItem(ownerKey, owner);
  forgetCachedResponses();
}

export function clearToken() {
  for (const storage of [localStorage, sessionStorage]) {
    storage.removeItem(tokenKey);
    storage.removeItem(ownerKey);
  }
}

/** Asks the service worker to drop every API response it kept for the person. */
export function forgetCachedResponses() {
  navigator.serviceWorker?.controller?.postMessage({ type: 'forget-person' });
  // Also from this page, in case no worker controls it yet.
  if ('caches' in window) caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('mestring-person-')).map((k) => caches.delete(k)))).catch(() => {});
}

/** The API client for the person, which sends them to the login page when the token stops working. */
export const api = createApi({
  getToken,
  onUnauthorized: () => {
    // What is waiting on the device stays: it belongs to the code, and is sent after the next login.
    clearToken();
    forgetCachedResponses();
    sessionStorage.setItem('mestring.flash', 'sessionEnded');
    location.hash = '#/';
  },
});
