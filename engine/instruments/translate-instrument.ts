/**
 * Translated wording of a questionnaire (programs/instruments/locales/<locale>/<id>.yaml):
 * loading and checking it against its source instrument (every item, option, band and
 * subscale translated, nothing extra, not older than the source), and the pure function
 * that makes the translated instrument. Scoring, values and ids always come from the source.
 */
import type { VFile } from 'vfile';
import { basename, dirname, join } from 'node:path';
import type { Instrument, InstrumentTranslation } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { placeOf, readYaml, validateYaml, type YamlSource } from '../compile/validate-yaml.ts';
import { instrumentTextHash } from '../compile/source-hash.ts';
import { labelledIds } from './labelled-ids.ts';

type Path = (string | number)[];
type ItemTranslation = Exclude<NonNullable<InstrumentTranslation['items']>[string], string>;

const itemOf = (value: NonNullable<InstrumentTranslation['items']>[string] | undefined): ItemTranslation | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? { text: value } : value;

/**
 * Loads and checks one translation file against the source instruments; returns it
 * when it can be used (outdated still counts: it is a warning).
 */
export function loadInstrumentTranslation(file: VFile, locale: string, instruments: ReadonlyMap<string, Instrument>): InstrumentTranslation | undefined {
  const source = readYaml(file, String(file.value));
  if (!validateYaml(file, source, 'instrument-translation.schema.json', 'instrument-schema', 'the translation')) return undefined;
  const translation = source.data as InstrumentTranslation;
  const expected = basename(file.path ?? '', '.yaml');
  if (file.path && translation.id !== expected) {
    report(file, 'error', 'instrument-id-mismatch', `Unexpected id '${translation.id}', expected '${expected}' (the file name)`, placeOf(source, ['id']));
    return undefined;
  }
  const instrument = instruments.get(translation.id);
  if (!instrument) {
    report(file, 'error', 'translation-extra', `Unexpected translation of unknown questionnaire '${translation.id}', expected one of: ${[...instruments.keys()].sort().join(', ')}`, placeOf(source, ['id']));
    return undefined;
  }
  const valid = checkTranslation(file, source, translation, instrument, locale);
  const hash = instrumentTextHash(instrument);
  if (translation.source !== hash) {
    report(file, 'warning', 'translation-outdated', `Outdated translation: ${join(dirname(dirname(dirname(String(file.path)))), `${instrument.id}.yaml`)} changed after this translation was checked (source: ${translation.source}, now ${hash}); expected the translation checked against the source and then stamped with mestring translation stamp ${file.path} (or source: ${hash})`, placeOf(source, ['source']));
  }
  return valid ? translation : undefined;
}

function checkTranslation(file: VFile, source: YamlSource, translation: InstrumentTranslation, instrument: Instrument, locale: string): boolean {
  let valid = true;
  const where = (path: Path, key = false) => placeOf(source, path, key);
  const missing = (what: string, path: Path) => {
    report(file, 'error', 'translation-missing', `Missing ${locale} translation of ${what}, expected it under ${path.join('.') || 'the top level'}`, where(path.slice(0, -1).length ? path.slice(0, -1) : path, true));
    valid = false;
  };
  const extra = (what: string, path: Path) => {
    report(file, 'error', 'translation-extra', `Unexpected ${what}, expected only what the source ${instrument.id}.yaml has`, where(path, true));
    valid = false;
  };
  const compare = (expected: readonly string[], actual: readonly string[], what: (key: string) => string, path: Path) => {
    for (const key of expected) if (!actual.includes(key)) missing(what(key), [...path, key]);
    for (const key of actual) if (!expected.includes(key)) extra(what(key), [...path, key]);
  };
  for (const key of ['instructions', 'recallPeriod'] as const) {
    if (instrument[key] !== undefined && translation[key] === undefined) missing(key, [key]);
    if (instrument[key] === undefined && translation[key] !== undefined) extra(key, [key]);
  }
  const values = (options: readonly { value: number }[] | undefined) => (options ?? []).map((o) => String(o.value));
  compare(values(instrument.options), Object.keys(translation.options ?? {}), (v) => `option ${v}`, ['options']);
  const items = translation.items ?? {};
  const shown = instrument.items.filter((item) => item.text !== undefined);
  compare(shown.map((i) => i.id), Object.keys(items), (id) => `item '${id}'`, ['items']);
  for (const item of shown) {
    const t = itemOf(items[item.id]);
    if (!t) continue;
    const path = ['items', item.id];
    if (t.text === undefined) missing(`the text of item '${item.id}'`, [...path, 'text']);
    if (item.anchors && !t.anchors) missing(`the anchors of item '${item.id}'`, [...path, 'anchors']);
    if (!item.anchors && t.anchors) extra(`anchors on item '${item.id}'`, [...path, 'anchors']);
    compare(values(item.options), Object.keys(t.options ?? {}), (v) => `option ${v} of item '${item.id}'`, [...path, 'options']);
  }
  compare([...labelledIds(instrument).keys()], Object.keys(translation.bands ?? {}), (id) => `band '${id}'`, ['bands']);
  compare((instrument.scoring?.subscales ?? []).map((s) => s.id), Object.keys(translation.subscales ?? {}), (id) => `subscale '${id}'`, ['subscales']);
  return valid;
}

/**
 * The instrument in the translation's words, labelled as the project's own adaptation
 * (`wording.note`, and `wording.label` where the source has a label).
 * Ids, values and scoring are the source's. An instrument whose wording may not be
 * shown (wording.source none) keeps no item text.
 *
 * @example
 *   translateInstrument(instruments.get('phq9')!, translations.get('en')!.get('phq9')!).items[0].text
 */
export function translateInstrument(instrument: Instrument, translation: InstrumentTranslation): Instrument {
  const label = (labels: Record<string, string> | undefined, value: number, fallback: string) => labels?.[String(value)] ?? fallback;
  const bands = translation.bands ?? {};
  const scale = <T extends { bands?: { id: string; label: string }[] }>(s: T): T => (s.bands ? { ...s, bands: s.bands.map((b) => ({ ...b, label: bands[b.id] ?? b.label })) } : s);
  const scoring = instrument.scoring;
  return {
    ...instrument,
    title: translation.title,
    // The translation's own-adaptation statement is also the label the client shows, where the
    // source has one (an adapted published instrument must say by name that it is our wording).
    wording: instrument.wording.source === 'none'
      ? instrument.wording
      : { source: 'adapted', note: translation.wording, ...(instrument.wording.label !== undefined ? { label: translation.wording } : {}) },
    ...(translation.instructions !== undefined ? { instructions: translation.instructions } : {}),
    ...(translation.recallPeriod !== undefined ? { recallPeriod: translation.recallPeriod } : {}),
    ...(instrument.options ? { options: instrument.options.map((o) => ({ ...o, label: label(translation.options, o.value, o.label) })) } : {}),
    items: instrument.items.map((item) => {
      const t = itemOf(translation.items?.[item.id]);
      if (!t || item.text === undefined) return item;
      return {
        ...item,
        ...(t.text !== undefined ? { text: t.text } : {}),
        ...(item.anchors && t.anchors ? { anchors: t.anchors } : {}),
        ...(item.options ? { options: item.options.map((o) => ({ ...o, label: label(t.options, o.value, o.label) })) } : {}),
      };
    }),
    ...(scoring
      ? {
          scoring: {
            ...scoring,
            ...(scoring.total ? { total: scale(scoring.total) } : {}),
            ...(scoring.subscales ? { subscales: scoring.subscales.map((s) => ({ ...scale(s), name: translation.subscales?.[s.id] ?? s.name })) } : {}),
            ...(scoring.classification
              ? {
                  classification: {
                    classes: scoring.classification.classes.map((c) => ({ ...c, label: bands[c.id] ?? c.label })),
                    otherwise: { ...scoring.classification.otherwise, label: bands[scoring.classification.otherwise.id] ?? scoring.classification.otherwise.label },
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
