/**
 * The edition a person reads and the language a request is answered in. Every edition
 * of a program has the same structure and ids, so routes read progress, entries and
 * answers exactly as before and only the words change with the language.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { CompiledProgram } from '../../schemas/types.ts';
import { editionFor, programLocales } from '../../engine/compile/edition-for.ts';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import type { CodeRow } from '../store/codes.ts';
import { earlyHeader } from '../middleware/early-header.ts';
import { isPersonLocale, negotiateLocale, personLocales, type PersonLocale } from './languages.ts';

/**
 * The program of `code` in the person's language (the source edition when the pack has
 * no translation into it), or 404.
 *
 * @example
 *   const program = personProgram(deps, c.get('person').code); // program.locale === 'en' for an English code
 */
export function personProgram(deps: RouteDeps, code: Pick<CodeRow, 'program_id' | 'locale'>): CompiledProgram {
  return editionFor(programOr404(deps, code.program_id), code.locale);
}

/**
 * The person's language, the language of the content they read (the source's when the
 * program has no edition in theirs), and every language the program has.
 *
 * @example
 *   languagesOf(deps, code) // { locale: 'nn', contentLocale: 'nb', locales: ['nb', 'en'] }
 */
export function languagesOf(deps: RouteDeps, code: Pick<CodeRow, 'program_id' | 'locale'>): { locale: string; contentLocale: string; locales: string[] } {
  const program = programOr404(deps, code.program_id);
  return { locale: code.locale, contentLocale: editionFor(program, code.locale).locale, locales: programLocales(program) };
}

/**
 * The language to answer a request's messages in: the logged-in person's, else the best
 * Accept-Language match among bokmål, nynorsk and English, else English.
 *
 * @example
 *   errorMessage(requestLocale(c), 'not_found', ...)
 */
export function requestLocale(c: Context): PersonLocale {
  const person = c.get('person') as AppEnv['Variables']['person'] | undefined;
  if (person && isPersonLocale(person.code.locale)) return person.code.locale;
  const chosen = negotiateLocale(c.req.header('accept-language'), personLocales);
  return isPersonLocale(chosen) ? chosen : 'en';
}

/**
 * Says in Content-Language which language the person's routes answer in: the edition
 * they read. Set before the handler (cheap on the fast path); an error replaces it with
 * its message's language.
 *
 * @example
 *   app.use('/v1/me/*', personContentLanguage(deps)); // after personAuth
 */
export const personContentLanguage = (deps: RouteDeps): MiddlewareHandler<AppEnv> => async (c, next) => {
  const { code } = c.get('person');
  const program = deps.programs.get(code.program_id);
  earlyHeader(c, 'Content-Language', program ? editionFor(program, code.locale).locale : code.locale);
  await next();
};
