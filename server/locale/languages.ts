/**
 * The languages a person can choose (the reference client's own text exists in these)
 * and picking one from an Accept-Language header. A program may have editions in other
 * locales too; `editionFor` falls back to the source edition for a language it lacks.
 */

/** Norwegian bokmål, nynorsk and English. */
export const personLocales = ['nb', 'nn', 'en'] as const;
export type PersonLocale = (typeof personLocales)[number];

/** Whether `value` is a language a person can choose. */
export function isPersonLocale(value: unknown): value is PersonLocale {
  return typeof value === 'string' && (personLocales as readonly string[]).includes(value);
}

/**
 * The languages of an Accept-Language header, best first (q=0 left out, order kept
 * among equal weights). Malformed parts are skipped: the header is only a preference.
 *
 * @example
 *   acceptedLanguages('en-GB;q=0.8, nn, *;q=0.1') // ['nn', 'en-gb', '*']
 */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  const parsed: { tag: string; q: number; i: number }[] = [];
  header.split(',').slice(0, 32).forEach((part, i) => {
    const [tag = '', ...params] = part.trim().split(';');
    const name = tag.trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(name)) return;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    parsed.push({ tag: name, q, i });
  });
  return parsed.sort((a, b) => b.q - a.q || a.i - b.i).map((p) => p.tag);
}

/**
 * The best of `available` for an Accept-Language header, or undefined when the header
 * names none of them. `no` (Norwegian) means bokmål, or nynorsk when only that exists;
 * a region is ignored (en-GB matches en).
 *
 * @example
 *   negotiateLocale('en-US,en;q=0.9', ['nb', 'en']) // 'en'
 *   negotiateLocale('no', ['nb', 'en'])              // 'nb'
 */
export function negotiateLocale(header: string | undefined, available: readonly string[]): string | undefined {
  for (const tag of acceptedLanguages(header)) {
    if (tag === '*') return available[0];
    if (available.includes(tag)) return tag;
    const language = tag.split('-')[0] ?? tag;
    const candidates = language === 'no' ? ['nb', 'nn'] : [language];
    const found = candidates.find((c) => available.includes(c));
    if (found) return found;
  }
  return undefined;
}
