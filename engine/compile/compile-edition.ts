/**
 * Compiles one translation of a program (locales/<locale>/) into an edition: the
 * source's structure, ids, gating and scoring with the translation's words. Every
 * difference between translation and source is reported (see compare-translation.ts),
 * as is a translation older than its source (its `source:` hash).
 */
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import type {
  Block,
  CompiledExercise,
  CompiledProgram,
  CompiledSection,
  Instrument,
  InstrumentTranslation,
  ProgramManifest,
  ProgramTranslation,
  SectionTranslationFrontMatter,
} from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { translateInstrument } from '../instruments/translate-instrument.ts';
import { compileSectionBody, type OutlineItem, type SectionContext } from './compile-section.ts';
import { compareTranslation } from './compare-translation.ts';
import { parseSection } from './parse-section.ts';
import type { LocaleSource } from './read-pack.ts';
import { manifestTextHash, sourceHash } from './source-hash.ts';
import { placeOf, readYaml, validateYaml, type YamlSource } from './validate-yaml.ts';
import { partStats, type PartStats } from './part-stats.ts';

/** A compiled source part, as the edition needs it. */
export interface SourcePart {
  file: VFile;
  section: CompiledSection | undefined;
  outline: OutlineItem[];
}

export interface EditionInput {
  locale: string;
  /** The translation's files, or undefined when the locale folder is missing. */
  localeSource: LocaleSource | undefined;
  manifest: ProgramManifest;
  manifestFile: VFile;
  manifestYaml: YamlSource;
  /** The source parts in order. */
  parts: SourcePart[];
  /** The instruments the source program uses (without the check-in). */
  instrumentIds: readonly string[];
  instruments: ReadonlyMap<string, Instrument>;
  /** Translated instrument wording for this locale. */
  translations: ReadonlyMap<string, InstrumentTranslation | null> | undefined;
  context: Omit<SectionContext, 'claimId'>;
}

export interface EditionResult {
  /** Program-level text and the translated sections; undefined parts were missing or broken. */
  manifest: ProgramTranslation | undefined;
  sections: (CompiledSection | undefined)[];
  /** The outline of each translated part, in the order of `sections`. */
  outlines: (OutlineItem[] | undefined)[];
  instruments: Record<string, Instrument>;
  files: VFile[];
  stats: PartStats[];
}

/** Checks and compiles the `locale` translation; the edition is built with {@link editionOf} once the source compiled. */
export function compileEdition(input: EditionInput): EditionResult {
  const { locale, localeSource, manifestFile, manifestYaml } = input;
  const files: VFile[] = [];
  const localeIndex = (input.manifest.locales ?? []).indexOf(locale);
  const atLocale = placeOf(manifestYaml, ['locales', localeIndex]);
  const packPath = String(manifestFile.dirname ?? '.');
  const result: EditionResult = { manifest: undefined, sections: [], outlines: [], instruments: {}, files, stats: [] };

  // The manifest's text.
  const translatedManifest = localeSource?.manifest;
  if (!translatedManifest) {
    report(manifestFile, 'error', 'translation-missing', `Missing ${locale} translation of program.yaml, expected ${packPath}/locales/${locale}/program.yaml with title, summary, audience and checkin`, atLocale);
  } else {
    files.push(translatedManifest);
    result.manifest = compileManifestTranslation(translatedManifest, input);
  }

  // The parts, paired by file name.
  const translatedParts = new Map((localeSource?.sections ?? []).map((file) => [String(file.basename), file]));
  const sourceNames = new Set(input.parts.map((p) => String(p.file.basename)));
  for (const [name, file] of translatedParts) {
    if (!sourceNames.has(name)) {
      files.push(file);
      report(file, 'error', 'translation-extra', `Unexpected translated part '${name}', expected a file name of a source part: ${[...sourceNames].join(', ')}`, { line: 1, column: 1 });
    }
  }
  const ids = new Set<string>();
  const claimId = (id: string, file: VFile, position: Parameters<SectionContext['claimId']>[2]) => {
    if (ids.has(id)) {
      report(file, 'error', 'id-duplicate', `Duplicate id '${id}', expected ids to be unique within the program`, position);
      return false;
    }
    ids.add(id);
    return true;
  };
  for (const part of input.parts) {
    const name = String(part.file.basename);
    const file = translatedParts.get(name);
    if (!file) {
      report(part.file, 'error', 'translation-missing', `Missing ${locale} translation of this part, expected ${packPath}/locales/${locale}/sections/${name} with the same id and directives`, { line: 1, column: 1 });
      result.sections.push(undefined);
      result.outlines.push(undefined);
      continue;
    }
    files.push(file);
    const translated = compilePartTranslation(file, part, input, claimId, result.stats);
    result.sections.push(translated?.section);
    result.outlines.push(translated?.outline);
  }

  // The questionnaires' wording.
  for (const id of input.instrumentIds) {
    const instrument = input.instruments.get(id);
    if (!instrument) continue;
    const translation = input.translations?.get(id);
    // null: the translation file has errors, reported on that file.
    if (translation === null) continue;
    if (!translation) {
      report(manifestFile, 'error', 'translation-missing', `Missing ${locale} wording of questionnaire '${id}', expected instruments/locales/${locale}/${id}.yaml (the project's own adaptation)`, atLocale);
      continue;
    }
    const { examples: _examples, ...translated } = translateInstrument(instrument, translation);
    result.instruments[id] = translated;
  }
  return result;
}

function compileManifestTranslation(file: VFile, input: EditionInput): ProgramTranslation | undefined {
  const source = readYaml(file, String(file.value));
  if (!validateYaml(file, source, 'program-translation.schema.json', 'manifest-schema', 'the translated program.yaml')) return undefined;
  const translation = source.data as ProgramTranslation;
  const checkin = input.manifest.measurement.checkin;
  let valid = true;
  const expectedIds = checkin.items.map((i) => i.id);
  for (const id of expectedIds) {
    if (!translation.checkin.items[id]) {
      report(file, 'error', 'translation-missing', `Missing ${input.locale} translation of check-in item '${id}', expected checkin.items.${id} with text and anchors`, placeOf(source, ['checkin', 'items'], true));
      valid = false;
    }
  }
  for (const id of Object.keys(translation.checkin.items)) {
    if (!expectedIds.includes(id)) {
      report(file, 'error', 'translation-extra', `Unexpected check-in item '${id}', expected one of the source's: ${expectedIds.join(', ')}`, placeOf(source, ['checkin', 'items', id], true));
      valid = false;
    }
  }
  if (checkin.instructions !== undefined && translation.checkin.instructions === undefined) {
    report(file, 'error', 'translation-missing', `Missing ${input.locale} translation of the check-in instructions, expected checkin.instructions`, placeOf(source, ['checkin'], true));
    valid = false;
  }
  if (checkin.instructions === undefined && translation.checkin.instructions !== undefined) {
    report(file, 'error', 'translation-extra', 'Unexpected checkin.instructions, expected none (the source has none)', placeOf(source, ['checkin', 'instructions'], true));
    valid = false;
  }
  const hash = manifestTextHash(input.manifest);
  if (translation.source !== hash) {
    report(file, 'warning', 'translation-outdated', `Outdated translation: the text of ${input.manifestFile.path} changed after this translation was checked (source: ${translation.source}, now ${hash}); expected the translation checked against the source and then stamped with mestring translation stamp ${file.path} (or source: ${hash})`, placeOf(source, ['source']));
  }
  return valid ? translation : undefined;
}

function compilePartTranslation(
  file: VFile,
  part: SourcePart,
  input: EditionInput,
  claimId: SectionContext['claimId'],
  stats: PartStats[],
): { section: CompiledSection | undefined; outline: OutlineItem[] } {
  const { frontMatter, tree, body } = parseSection(file);
  let meta: SectionTranslationFrontMatter | undefined;
  if (frontMatter && validateYaml(file, frontMatter, 'section-translation.schema.json', 'front-matter-schema', 'the front matter')) {
    meta = frontMatter.data as SectionTranslationFrontMatter;
  }
  const source = part.section;
  if (meta && frontMatter && source) {
    if (meta.id !== source.id) {
      report(file, 'error', 'translation-structure', `Unexpected id '${meta.id}', expected '${source.id}' (the id of ${part.file.path})`, placeOf(frontMatter, ['id']));
    }
    if (meta.estimatedMinutes !== undefined && meta.estimatedMinutes !== source.estimatedMinutes) {
      report(file, 'error', 'translation-structure', `Unexpected estimatedMinutes ${meta.estimatedMinutes}, expected ${source.estimatedMinutes} as in the source (or leave it out)`, placeOf(frontMatter, ['estimatedMinutes']));
    }
    if (meta.unlock !== undefined && (meta.unlock.minDaysAfterPrevious ?? 0) !== source.unlock.minDaysAfterPrevious) {
      report(file, 'error', 'translation-structure', `Unexpected unlock.minDaysAfterPrevious ${meta.unlock.minDaysAfterPrevious ?? 0}, expected ${source.unlock.minDaysAfterPrevious} as in the source (or leave unlock out)`, placeOf(frontMatter, ['unlock']));
    }
    const hash = sourceHash(String(part.file.value));
    if (meta.source !== hash) {
      report(file, 'warning', 'translation-outdated', `Outdated translation: ${part.file.path} changed after this translation was checked (source: ${meta.source}, now ${hash}); expected the translation checked against the source and then stamped with mestring translation stamp ${file.path} (or source: ${hash})`, placeOf(frontMatter, ['source']));
    }
  }
  const compiled = compileSectionBody(file, tree, body, { ...input.context, claimId });
  const lines = body.split('\n');
  const end: Point = { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
  if (source) compareTranslation(file, input.locale, { blocks: source.blocks, outline: part.outline }, compiled, end);
  if (source) stats.push(partStats(tree, { program: input.manifest.id, locale: input.locale, section: source.id, file: String(file.path) }, file));
  if (!meta || !source) return { section: undefined, outline: compiled.outline };
  return {
    section: { ...source, title: meta.title, summary: meta.summary, blocks: mergeBlocks(source.blocks, compiled.blocks) },
    outline: compiled.outline,
  };
}

/** The translation's blocks with the structure of the source's exercises and questionnaires. */
function mergeBlocks(source: Block[], translated: Block[]): Block[] {
  const exercises = new Map(source.flatMap((b) => (b.type === 'exercise' ? [[b.id, b] as const] : [])));
  return translated.map((block) => {
    if (block.type === 'exercise') {
      const original = exercises.get(block.id);
      return original ? mergeExercise(original, block) : block;
    }
    if (block.type === 'questionnaire') return source.find((b) => b.type === 'questionnaire' && b.ref === block.ref) ?? block;
    return block;
  });
}

function mergeExercise(source: CompiledExercise, translated: CompiledExercise): CompiledExercise {
  const fields = new Map(translated.fields.map((f) => [f.id, f]));
  return {
    ...source,
    title: translated.title,
    html: translated.html,
    fields: source.fields.map((field) => {
      const t = fields.get(field.id);
      if (!t) return field;
      const merged = { ...field, label: t.label };
      for (const key of ['help', 'placeholder', 'unit'] as const) if (field[key] !== undefined && t[key] !== undefined) merged[key] = t[key];
      if (field.anchors && t.anchors) merged.anchors = t.anchors;
      if (field.options) merged.options = field.options.map((o) => ({ value: o.value, label: t.options?.find((x) => x.value === o.value)?.label ?? o.label }));
      return merged;
    }),
  };
}

/**
 * The edition of `program` in the translation's words: the source's structure, ids,
 * measurement plan and gating, with translated text, sections and instruments.
 */
export function editionOf(program: CompiledProgram, locale: string, edition: EditionResult, checkin: Instrument): CompiledProgram | undefined {
  if (!edition.manifest || edition.sections.some((s) => !s)) return undefined;
  const { editions: _editions, ...base } = program;
  return {
    ...base,
    locale,
    title: edition.manifest.title,
    summary: edition.manifest.summary,
    audience: edition.manifest.audience,
    contentHash: '',
    instruments: { ...program.instruments, ...edition.instruments, checkin },
    sections: edition.sections as CompiledSection[],
  };
}
