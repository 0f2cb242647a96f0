/** Picking a program's edition by a person's language. */
import type { CompiledProgram } from '../../schemas/types.ts';

/**
 * The edition of `program` in `locale`: the exact locale, else the same language
 * without region (en-GB -> en), else the source edition. Structure and ids are the
 * same in every edition, so progress, entries and answers carry over when a person
 * switches language.
 *
 * @example
 *   editionFor(program, 'en').sections[0].title // English when the pack has an en translation
 *   editionFor(program, 'se') === program        // no Northern Sami edition: the source
 */
export function editionFor(program: CompiledProgram, locale: string | undefined): CompiledProgram {
  if (!locale || locale === program.locale) return program;
  const editions = program.editions ?? {};
  const language = locale.split('-')[0] ?? locale;
  return editions[locale] ?? editions[language] ?? program;
}

/** Every locale `program` is available in, the source first. */
export function programLocales(program: CompiledProgram): string[] {
  return [program.locale, ...Object.keys(program.editions ?? {}).sort()];
}
