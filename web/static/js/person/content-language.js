// Which languages a program's content is written in, and saying so before the person
// starts when the app's language is not one of them ("This program is in Norwegian").
// Reads the program's `locales` when the API gives them, else its `locale`.
import { h } from '../dom.js';
import { t, loadedLang, has } from '../i18n.js';

/** @typedef {{ locale?: string | null, locales?: string[] | null }} HasLocale */

/**
 * The languages of the program's content.
 * @param {HasLocale | null | undefined} program
 * @returns {string[]}
 */
export function contentLocales(program) {
  if (Array.isArray(program?.locales) && program.locales.length) return program.locales;
  return [program?.locale || 'nb'];
}

/**
 * The `lang` of the content when it differs from the app's language (for screen
 * readers), else undefined.
 * @param {HasLocale | null | undefined} program
 */
export function contentLangOf(program) {
  const available = contentLocales(program);
  return available.includes(loadedLang()) ? undefined : available[0];
}

/**
 * A note in the app's language when the content is in another language, else null.
 * @param {HasLocale | null | undefined} program
 */
export function contentLanguageNote(program) {
  const other = contentLangOf(program);
  if (!other) return null;
  const name = has(`languageName_${other}`) ? t(`languageName_${other}`) : other;
  return h('div', { class: 'alert info content-language', role: 'note' }, h('p', {}, h('strong', {}, t('contentLanguageTitle', { language: name }))), h('p', {}, t('contentLanguageBody', { language: name })));
}
