/**
 * Source hashes keep translations in step with their source: a translation records
 * the hash of its source when it was last checked (`source:`), and validate reports
 * it as outdated when the source has changed since. A part is hashed as its whole
 * file; a manifest and an instrument as the text a translation translates, so that a
 * version bump or a scoring change does not mark every translation outdated.
 */
import { createHash } from 'node:crypto';
import type { Instrument, ProgramManifest } from '../../schemas/types.ts';

/** Length of a source hash: the first 10 hex digits of sha256. */
export const sourceHashLength = 10;

/**
 * The short hash of a text, with line endings normalised (a checkout on Windows gives the same hash).
 *
 * @example
 *   sourceHash('---\nid: start\n...') // '3f9a0c12de'
 */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex').slice(0, sourceHashLength);
}

/** The hash of the manifest text a translation carries: title, summary, audience and the check-in's words. */
export function manifestTextHash(manifest: ProgramManifest): string {
  const checkin = manifest.measurement.checkin;
  return sourceHash(JSON.stringify({
    title: manifest.title,
    summary: manifest.summary,
    audience: manifest.audience,
    checkin: { title: checkin.title ?? null, instructions: checkin.instructions ?? null, items: checkin.items.map((i) => [i.id, i.text, i.anchors]) },
  }));
}

/** The hash of an instrument's words: title, instructions, items, option, band, class and subscale labels. */
export function instrumentTextHash(instrument: Instrument): string {
  const scoring = instrument.scoring;
  const bands = [scoring?.total, ...(scoring?.subscales ?? [])].flatMap((scale) => (scale?.bands ?? []).map((b) => [b.id, b.label]));
  const classes = scoring?.classification ? [...scoring.classification.classes, scoring.classification.otherwise].map((c) => [c.id, c.label]) : [];
  return sourceHash(JSON.stringify({
    title: instrument.title,
    instructions: instrument.instructions ?? null,
    recallPeriod: instrument.recallPeriod ?? null,
    options: (instrument.options ?? []).map((o) => [o.value, o.label]),
    items: instrument.items.map((i) => [i.id, i.text ?? null, i.anchors ?? null, (i.options ?? []).map((o) => [o.value, o.label])]),
    bands,
    classes,
    subscales: (scoring?.subscales ?? []).map((s) => [s.id, s.name]),
  }));
}

/**
 * `text` (a YAML file, or a Markdown file whose front matter is the YAML) with its
 * top-level `source:` set to `hash`: replaced where it is, else added after `id:`
 * (or at the top of the YAML). Comments and layout are kept.
 *
 * @example
 *   withSourceHash('---\nid: start\ntitle: Start\n---\n', 'abcdef0123', 'front-matter')
 *   // '---\nid: start\nsource: "abcdef0123"\ntitle: Start\n---\n'
 */
export function withSourceHash(text: string, hash: string, kind: 'front-matter' | 'yaml'): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  let start = 0;
  let end = lines.length;
  if (kind === 'front-matter') {
    if (lines[0]?.trim() !== '---') throw new Error('Missing front matter: the file must start with a --- line');
    start = 1;
    end = lines.findIndex((line, i) => i > 0 && /^---\s*$/.test(line));
    if (end === -1) throw new Error('Unclosed front matter: expected a closing --- line');
  }
  // Quoted: a hash of digits only (or 12e45...) would be read as a number.
  const line = `source: "${hash}"`;
  const existing = lines.findIndex((l, i) => i >= start && i < end && /^source:/.test(l));
  if (existing !== -1) {
    lines[existing] = line;
  } else {
    const id = lines.findIndex((l, i) => i >= start && i < end && /^id:/.test(l));
    let at = id !== -1 ? id + 1 : start;
    if (id === -1) while (at < end && /^\s*(#.*)?$/.test(lines[at] ?? '')) at++;
    lines.splice(at, 0, line);
  }
  return lines.join(eol);
}
