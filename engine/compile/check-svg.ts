/**
 * SVG assets are shown inside the app and partners' apps: they must not run anything
 * or fetch anything from elsewhere. A conservative check of the file's text (the
 * project's own drawings need none of these); the server also serves SVG with a CSP
 * that allows no script, and <img> never runs one.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.ts';

const unsafe: [RegExp, string][] = [
  [/<script\b/gi, '<script> element'],
  [/<foreignObject\b/gi, '<foreignObject> element (it can hold HTML)'],
  [/<(?:iframe|embed|object|audio|video|handler|listener)\b/gi, 'element that embeds other content'],
  [/\son[a-z]+\s*=/gi, 'event attribute (on...=)'],
  [/\s(?:xlink:)?href\s*=\s*(?!["']\s*#)["']?/gi, 'reference outside the file (href must start with #)'],
  [/url\(\s*(?!["']?\s*#)/gi, 'url() outside the file (only url(#id) is allowed)'],
  [/@import\b/gi, 'CSS @import'],
  [/<!ENTITY\b/gi, 'entity declaration'],
  [/<!DOCTYPE\b/gi, 'DOCTYPE (it can declare entities)'],
  [/<\?xml-stylesheet\b/gi, 'external stylesheet'],
  [/javascript\s*:/gi, 'javascript: address'],
  [/\bdata\s*:/gi, 'data: address'],
];

function pointAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Reports every unsafe construct in an SVG file; true when there is none. */
export function checkSvg(file: VFile): boolean {
  const text = String(file.value);
  let safe = true;
  if (!/<svg[\s>]/i.test(text)) {
    report(file, 'error', 'asset-unsafe', 'Missing <svg> element, expected an SVG image', { line: 1, column: 1 });
    return false;
  }
  for (const [pattern, what] of unsafe) {
    for (const match of text.matchAll(pattern)) {
      report(file, 'error', 'asset-unsafe', `Unexpected ${what} in an SVG asset, expected plain shapes and text with references only inside the file`, pointAt(text, (match.index ?? 0) + (match[0].startsWith(' ') ? 1 : 0)));
      safe = false;
    }
  }
  return safe;
}
