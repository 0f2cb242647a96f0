// The person's language lives with their code on the server: the professional chose it
// when issuing the code, and the person can switch it. Switching changes the app's own
// words and the content (the API answers in it), and nothing the person wrote changes.
import { isLang, loadedLang, setLang } from '../i18n.js';
import { api, forgetCachedResponses } from './session.js';

const choseKey = 'mestring.langChosen';

/** Remembers, until the next login, that the person picked a language before logging in. */
export function languageChosenBeforeLogin() {
  sessionStorage.setItem(choseKey, '1');
}

/**
 * After login: the app takes the language the code was issued in, unless the person
 * picked one on the login page just now; then that one is kept and saved for the code.
 * @param {string | undefined} locale the session's `locale`
 */
export async function adoptLanguage(locale) {
  const chosen = sessionStorage.getItem(choseKey) !== null;
  sessionStorage.removeItem(choseKey);
  if (chosen) {
    if (locale !== loadedLang()) await saveLanguage(loadedLang());
    return;
  }
  if (isLang(locale) && locale !== loadedLang()) await setLang(locale);
}

/**
 * Tells the server the person's language (after the app's words have switched), and
 * drops responses kept on the device in the old language. Without a connection only
 * the app's words switch; the content follows the next time this succeeds.
 * @param {import('../i18n.js').Lang} value
 * @returns {Promise<boolean>} whether the server took it
 */
export async function saveLanguage(value) {
  try {
    await api.put('/v1/me/locale', {}, { locale: value });
  } catch {
    return false;
  }
  forgetCachedResponses();
  return true;
}

/**
 * Switches the app's words and the content to `value`.
 * @param {import('../i18n.js').Lang} value
 */
export async function switchLanguage(value) {
  await setLang(value);
  return saveLanguage(value);
}

/**
 * Takes the language the server keeps for the person when it differs from this device's
 * (they switched on another device), and shows the page again in it. Only online: a
 * response kept on the device may be older than the person's choice.
 * @param {{ locale?: string | null }} me the answer of GET /v1/me
 * @returns {Promise<boolean>} whether the page is shown again
 */
export async function followServerLanguage(me) {
  if (!navigator.onLine || !isLang(me.locale) || me.locale === loadedLang()) return false;
  await setLang(me.locale);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  return true;
}
