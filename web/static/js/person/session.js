// The person's session: the token lives in localStorage with "remember me", otherwise
// in sessionStorage (gone when the browser closes). Nothing else about the person is kept.
import { createApi } from '../api.js';

const key = 'mestring.token';

export function getToken() {
  return localStorage.getItem(key) ?? sessionStorage.getItem(key);
}

export function setToken(token, remember) {
  clearToken();
  (remember ? localStorage : sessionStorage).setItem(key, token);
}

export function clearToken() {
  localStorage.removeItem(key);
  sessionStorage.removeItem(key);
}

/** The API client for the person, which sends them to the login page when the token stops working. */
export const api = createApi({
  getToken,
  onUnauthorized: () => {
    clearToken();
    sessionStorage.setItem('mestring.flash', 'sessionEnded');
    location.hash = '#/';
  },
});
