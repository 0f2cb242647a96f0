/**
 * What a person must never see, checked on every screen of the browser tests: the
 * words null, undefined, NaN, [object Object], an ISO date, "(valgfritt) (valgfritt)",
 * "utfylling(er)", a "1 / 10" answer, an untranslated string key, or an id from the
 * program packs (sections, exercises, fields, questionnaires, items, options). Ids
 * that are also words the content or the client itself uses are left out, since they
 * cannot be told apart from the word. Also: nothing scrolls sideways.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { compileTree, editionFor } from '../../engine/index.ts';
import type { CompiledProgram } from '../../schemas/types.ts';

// Keys whose strings are ids (also in lists: measurement plans, requirements, scoring items).
const idKeys = new Set(['id', 'ref', 'instrument', 'value', 'start', 'end', 'checkin', 'evaluation', 'questionnaires', 'items', 'item', 'reverse', 'sectionId', 'exerciseId']);
const codeKeys = new Set(['type', 'kind', 'version', 'locale', 'contentHash', 'every', 'source', 'status', 'bandSource', 'licence', 'wording', 'scoring', 'sources', '$schema']);

/** Every id in a compiled program, and every word of its human text. */
function walk(value: unknown, ids: Set<string>, words: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (idKeys.has(key)) ids.add(value);
    else if (!codeKeys.has(key)) for (const w of value.replace(/<[^>]+>/g, ' ').toLowerCase().split(/[^\p{L}\p{N}-]+/u)) if (w) words.add(w);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) walk(v, ids, words, key);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (codeKeys.has(k)) continue;
      walk(v, ids, words, k);
    }
  }
}

/** The client's own words in every language (they may be words that are also ids). */
async function clientWords(): Promise<Set<string>> {
  const words = new Set<string>();
  for (const dir of ['web/static/js/strings', 'web/static/js/staff/strings']) {
    for (const file of readdirSync(dir)) {
      const { strings } = (await import(join(process.cwd(), dir, file))) as { strings: Record<string, unknown> };
      walk(strings, new Set(), words);
    }
  }
  return words;
}

/**
 * The ids a person could mistake for text if the client printed them, from the packs
 * the test server compiles.
 */
export async function packIds(programs: readonly CompiledProgram[] = compileTree(['programs']).programs, locale = 'nb'): Promise<string[]> {
  const ids = new Set<string>();
  const words = await clientWords();
  for (const program of programs) {
    ids.add(program.id);
    // Only the words of the edition the person reads: an English word such as "goals" must
    // not hide the id `goals` on a bokmål screen.
    const { editions: _others, ...edition } = editionFor(program, locale);
    walk(edition, ids, words);
  }
  return [...ids].filter((id) => /^[a-z0-9][a-z0-9_-]+$/.test(id) && !words.has(id) && !/^\d+$/.test(id)).sort();
}

const forbidden: [RegExp, string][] = [
  [/\bnull\b/, 'null'],
  [/\bundefined\b/, 'undefined'],
  [/\bNaN\b/, 'NaN'],
  [/\[object \w+\]/, '[object Object]'],
  [/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/, 'an ISO date'],
  [/\((valgfritt|valfritt|optional)\)\s*\((valgfritt|valfritt|optional)\)/i, 'a doubled optional marker'],
  [/\w\((er|ar|s)\)/, 'a plural in brackets'],
  [/\b\d+ \/ \d+\b/, 'an answer written as a fraction'],
  [/\b[a-z]+(_[a-z]+)+\b|\b[a-z]+[A-Z][a-zA-Z]+\b/, 'an untranslated string key'],
];

/**
 * What the person sees on the page: the rendered text, and the names given to
 * controls, images and regions.
 */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const labels = [...document.querySelectorAll('[aria-label]')].filter((el) => el.checkVisibility ? el.checkVisibility() : true).map((el) => el.getAttribute('aria-label'));
    return [document.title, document.body.innerText, ...labels].join('\\n');
  })()`) as Promise<string>;
}

/** The slips on the page, described; empty when there are none. */
export async function slipsOn(page: Page, ids: readonly string[]): Promise<string[]> {
  const text = await visibleText(page);
  const found: string[] = [];
  for (const [pattern, what] of forbidden) {
    const m = pattern.exec(text);
    if (m) found.push(`${what}: "${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ')}"`);
  }
  for (const id of ids) {
    const m = new RegExp(`(?<![\\p{L}\\p{N}_-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'u').exec(text);
    if (m) found.push(`the id ${id}: "${text.slice(Math.max(0, m.index - 40), m.index + id.length + 40).replace(/\s+/g, ' ')}"`);
  }
  return found;
}

/** Whether the page scrolls sideways. */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1') as Promise<boolean>;
}

/** The elements that stick out to the right (for a useful failure message). */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 40) + '" right=' + Math.round(el.getBoundingClientRect().right));
  })()`) as Promise<string[]>;
}
