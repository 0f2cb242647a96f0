// The client's own words in Norwegian bokmål (default), nynorsk and English. Only the
// chosen language's strings are loaded (strings/<lang>.js, and the staff client's
// staff/strings/<lang>.js); a string can have plural forms, picked with Intl.PluralRules.

/** @typedef {'nb' | 'nn' | 'en'} Lang */
/** @typedef {string | Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }} Message */
/** @typedef {Record<string, Message>} Strings */

/** @type {readonly Lang[]} */
export const languages = ['nb', 'nn', 'en'];

/** Each language's name in itself, for the language choice. */
export const languageNames = /** @type {const} */ ({ nb: 'Bokmål', nn: 'Nynorsk', en: 'English' });

/** The BCP 47 locale used for Intl formatting of each language. */
export const locales = /** @type {const} */ ({ nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' });

const storageKey = 'mestring.lang';

/** @type {Strings} */
let current = {};
/** @type {Lang | null} */
let loaded = null;
/** @type {Record<string, (lang: Lang) => Promise<Strings>>} */
const extraLoaders = {};

/** @param {unknown} value @returns {value is Lang} */
const isLang = (value) => typeof value === 'string' && /** @type {readonly string[]} */ (languages).includes(value);

/**
 * The chosen language: the stored choice, else nynorsk when the browser prefers it to
 * bokmål, else bokmål. English is chosen by the person (many in Norway keep their
 * phone in English but read the service's Norwegian best).
 */
export function lang() {
  const stored = localStorage.getItem(storageKey);
  if (isLang(stored)) return stored;
  const norwegian = (navigator.languages ?? []).map((l) => l.toLowerCase().slice(0, 2)).find((l) => l === 'nb' || l === 'no' || l === 'nn');
  return norwegian === 'nn' ? 'nn' : 'nb';
}

/** The Intl locale of the chosen language. */
export const locale = () => locales[lang()];

/**
 * Registers more strings (the staff client's own words), loaded with the language.
 * @param {string} name
 * @param {(lang: Lang) => Promise<Strings>} loader
 */
export function addStrings(name, loader) {
  extraLoaders[name] = loader;
}

/**
 * Loads the strings of `value` (or the chosen language) and makes it the page's language.
 * @param {Lang} [value]
 */
export async function loadLanguage(value = lang()) {
  current = await stringsOf(value);
  loaded = value;
  document.documentElement.lang = value;
}

/**
 * Every string of `value` (the app's and any registered with addStrings).
 * @param {Lang} value
 * @returns {Promise<Strings>}
 */
async function stringsOf(value) {
  const [base, ...extra] = await Promise.all([
    import(`./strings/${value}.js`).then((m) => /** @type {Strings} */ (m.strings)),
    ...Object.values(extraLoaders).map((load) => load(value)),
  ]);
  return Object.assign({}, base, ...extra);
}

/**
 * A `t` for another language than the page's, for text printed for someone else (the
 * code card is printed in the person's language, whatever the professional reads).
 * @param {Lang} value
 * @returns {Promise<(key: string, params?: Record<string, string | number>) => string>}
 */
export async function translatorFor(value) {
  const table = await stringsOf(value);
  return (key, params = {}) => fill(table, value, key, params);
}

/** Whether `value` is one of the client's languages. */
export { isLang };

/**
 * Switches language: stores the choice and loads its strings.
 * @param {Lang} value
 */
export async function setLang(value) {
  localStorage.setItem(storageKey, value);
  await loadLanguage(value);
}

/** The language whose strings are loaded. */
export const loadedLang = () => loaded ?? lang();

/**
 * Looks up a string and fills in {placeholders}. A string with plural forms takes the
 * form for `params.n`. An unknown key is returned as is, which the browser tests catch.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
  return fill(current, loadedLang(), key, params);
}

/**
 * @param {Strings} table
 * @param {Lang} language
 * @param {string} key
 * @param {Record<string, string | number>} params
 * @returns {string}
 */
function fill(table, language, key, params) {
  const message = table[key];
  if (message === undefined) return key;
  let template;
  if (typeof message === 'string') template = message;
  else {
    const n = typeof params.n === 'number' ? params.n : Number(params.n ?? 0);
    template = message[new Intl.PluralRules(locales[language]).select(n)] ?? message.other;
  }
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name];
    return typeof value === 'number' ? new Intl.NumberFormat(locales[language], { maximumFractionDigits: 1 }).format(value) : String(value ?? '');
  });
}

/** Whether `key` has a string in the loaded language. */
export const has = (/** @type {string} */ key) => current[key] !== undefined;

/**
 * A number the way the language writes it (decimal comma in Norwegian).
 * @param {number} value
 * @param {Intl.NumberFormatOptions} [options]
 */
export function formatNumber(value, options = { maximumFractionDigits: 1 }) {
  return new Intl.NumberFormat(locales[loadedLang()], options).format(value);
}
