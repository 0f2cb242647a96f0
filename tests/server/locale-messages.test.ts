/**
 * Every message a route gives instead of its error code's own has a bokmål and nynorsk
 * translation (else a Norwegian reader would get English), and every code has its
 * message in all three languages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes, type ErrorCode } from '../../server/errors.ts';
import { errorMessage, routeMessages } from '../../server/locale/error-messages.ts';
import { acceptedLanguages, negotiateLocale } from '../../server/locale/languages.ts';
import { defaultSafety } from '../../server/safety.ts';
import { defaultSafetyEn, defaultSafetyNn } from '../../server/locale/default-safety.ts';
import { validatorFor } from '../../engine/schemas.ts';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('error messages in nb, nn and en', () => {
  it("translates every message the server's routes use", () => {
    const used = new Set<string>();
    for (const file of sources('server')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:apiError|failure)\([^,()]*'[a-z_]+',\s*'((?:[^'\\]|\\.)+)'/g)) used.add(match[1]!.replace(/\\'/g, "'"));
      expect(text, `${file} builds an error message from values; put them in details instead`).not.toMatch(/apiError\('[a-z_]+',\s*`/);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((m) => !routeMessages[m])).toEqual([]);
  });

  it('has every code in every language, and never answers English to a Norwegian reader', () => {
    for (const code of Object.keys(errorCodes) as ErrorCode[]) {
      const english = errorCodes[code].message;
      expect(errorMessage('en', code, english)).toBe(english);
      for (const locale of ['nb', 'nn'] as const) {
        expect(errorMessage(locale, code, english)).not.toBe('');
        if (!/[A-Z]{3,}|\/v1\//.test(english)) expect(errorMessage(locale, code, english), `${locale} ${code}`).not.toBe(english);
      }
    }
    expect(errorMessage('nn', 'not_found', errorCodes.not_found.message, 'No such part in this program.')).toBe('Denne delen finst ikkje i programmet.');
  });
});

describe('default help contacts', () => {
  it('match the schema and keep the Norwegian numbers in every language', () => {
    for (const safety of [defaultSafety, defaultSafetyNn, defaultSafetyEn]) {
      expect(validatorFor('safety.schema.json')(safety)).toBe(true);
      expect(safety.contacts.map((c) => c.phone)).toEqual(defaultSafety.contacts.map((c) => c.phone));
    }
  });
});

describe('Accept-Language', () => {
  it('orders by weight, skips q=0 and junk, and maps no to bokmål', () => {
    expect(acceptedLanguages('en-GB;q=0.8, nn, *;q=0.1, de;q=0, ;;, x y')).toEqual(['nn', 'en-gb', '*']);
    expect(negotiateLocale('en-US,en;q=0.9', ['nb', 'en'])).toBe('en');
    expect(negotiateLocale('no', ['nb', 'nn', 'en'])).toBe('nb');
    expect(negotiateLocale('no', ['nn', 'en'])).toBe('nn');
    expect(negotiateLocale('fr', ['nb', 'en'])).toBeUndefined();
    expect(negotiateLocale('fr, *;q=0.2', ['nb', 'en'])).toBe('nb');
    expect(negotiateLocale(undefined, ['nb'])).toBeUndefined();
  });
});
