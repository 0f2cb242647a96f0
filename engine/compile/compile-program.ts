/**
 * Compiles one program pack (already read into vfiles) into the program model
 * of schemas/program.schema.json. Pure: vfiles in, a program and messages out.
 */
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import type { Position } from 'unist';
import type { CompiledProgram, CompiledSection, Instrument, InstrumentTranslation, ProgramManifest, ProgramTranslation, SectionFrontMatter } from '../../schemas/types.ts';
import { report, hasErrors } from '../diagnostics.ts';
import { validatorFor } from '../schemas.ts';
import { readYaml, validateYaml, placeOf, type YamlSource } from './validate-yaml.ts';
import { parseBody, splitSection } from './parse-section.ts';
import { compileSectionBody } from './compile-section.ts';
import { compileEdition, editionOf, type EditionResult, type SourcePart } from './compile-edition.ts';
import { partStats, type PartStats } from './part-stats.ts';
import type { PackSource } from './read-pack.ts';
import { idsOf } from '../ids/published-ids.ts';
import { idRenames } from '../ids/id-renames.ts';
import { checkPublishedIds } from '../ids/check-published-ids.ts';
import { resolveLivingContent } from '../living/resolve-living.ts';
import { checkSvg } from './check-svg.ts';

export type { PartStats };

export interface CompileResult {
  /**
   * The compiled program in its source language, with its translations in
   * `program.editions` (by locale), or undefined when any file has an error.
   */
  program: CompiledProgram | undefined;
  /** Every file of the pack with its messages. */
  files: VFile[];
  /** Reading measures of every part, in the source language and each translation. */
  stats: PartStats[];
}

const sectionFileName = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

/** The check-in form of a program, as an unscored instrument with id 'checkin'. */
export function checkinInstrument(manifest: ProgramManifest): Instrument {
  const checkin = manifest.measurement.checkin;
  return {
    id: 'checkin',
    name: `${manifest.id} check-in`,
    title: checkin.title ?? 'Innsjekk',
    version: manifest.version,
    kind: 'form',
    licence: { status: 'project', note: 'Written by the Mestring project.' },
    wording: { source: 'adapted', note: 'Written by the Mestring project.' },
    ...(checkin.instructions ? { instructions: checkin.instructions } : {}),
    items: checkin.items.map((item) => ({ id: item.id, text: item.text, type: 'scale' as const, min: 0, max: 10, anchors: item.anchors })),
  };
}

/** The check-in form of a translated edition: the source's items in the translation's words. */
function translatedCheckin(manifest: ProgramManifest, translation: ProgramTranslation): Instrument {
  const checkin = manifest.measurement.checkin;
  return checkinInstrument({
    ...manifest,
    measurement: {
      ...manifest.measurement,
      checkin: {
        title: translation.checkin.title,
        ...(translation.checkin.instructions !== undefined ? { instructions: translation.checkin.instructions } : {}),
        items: checkin.items.map((item) => ({ id: item.id, text: translation.checkin.items[item.id]?.text ?? item.text, anchors: translation.checkin.items[item.id]?.anchors ?? item.anchors })),
      },
    },
  });
}

const hashOf = (program: CompiledProgram) => createHash('sha256').update(JSON.stringify({ ...program, contentHash: '', editions: undefined })).digest('hex');

/**
 * Compiles `pack` against the shared `instruments` (and their translated wording,
 * `translations`: locale -> instrument id -> translation, for the pack's locales).
 *
 * @example
 *   const { program, files } = compileProgram(readPack('programs/sovn'), instruments);
 *   program?.editions?.en?.sections[0].title; // the English edition
 */
export function compileProgram(
  pack: PackSource,
  instruments: ReadonlyMap<string, Instrument>,
  translations: ReadonlyMap<string, ReadonlyMap<string, InstrumentTranslation | null>> = new Map(),
): CompileResult {
  const files: VFile[] = [];
  const stats: PartStats[] = [];
  const compiledManifest = compileManifest(pack, instruments, files);
  const manifest = compiledManifest?.manifest;

  const ids = new Map<string, { file: VFile; position: Position | undefined }>();
  const claimId = (id: string, file: VFile, position: Position | undefined): boolean => {
    const first = ids.get(id);
    if (first) {
      const at = first.position ? `${first.file.path}:${first.position.start.line}:${first.position.start.column}` : String(first.file.path);
      report(file, 'error', 'id-duplicate', `Duplicate id '${id}', expected ids to be unique within the program (first defined at ${at})`, position);
      return false;
    }
    ids.set(id, { file, position });
    return true;
  };

  if (pack.sections.length === 0) {
    report(pack.folderFile, 'error', 'section-none', 'Missing sections, expected at least one file sections/01-<slug>.md');
    if (!files.includes(pack.folderFile)) files.push(pack.folderFile);
  }

  // Numbering and file names first: links need the id of every section. Only the front
  // matter is read here; each part's Markdown is parsed when it is compiled below, so one
  // part's tree is held at a time (holding a program's trees at once doubled the garbage
  // collector's share of a build).
  const parsed = pack.sections.map((file) => {
    files.push(file);
    const { frontMatter, body } = splitSection(file);
    let meta: SectionFrontMatter | undefined;
    if (frontMatter && validateYaml(file, frontMatter, 'section.schema.json', 'front-matter-schema', 'the front matter')) {
      meta = frontMatter.data as SectionFrontMatter;
    }
    return { file, body, meta, frontMatter };
  });
  checkNumbering(parsed.map((p) => p.file));
  const sectionFiles = new Map<string, string>();
  for (const p of parsed) if (p.meta) sectionFiles.set(String(p.file.basename), p.meta.id);

  const context = { assets: pack.assets, sectionFiles, instruments };
  const sections: CompiledSection[] = [];
  const parts: SourcePart[] = [];
  parsed.forEach(({ file, body, meta, frontMatter }, index) => {
    if (meta && frontMatter) claimId(meta.id, file, positionOf(frontMatter, ['id']));
    const tree = parseBody(body);
    const { blocks, requirements, outline, values } = compileSectionBody(file, tree, body, { ...context, claimId });
    if (blocks.length === 0 && !file.messages.some((m) => m.fatal)) {
      report(file, 'error', 'section-empty', 'Empty section, expected content after the front matter', { line: body.split('\n').length, column: 1 });
    }
    if (!meta) {
      parts.push({ file, section: undefined, outline });
      return;
    }
    const section: CompiledSection = {
      id: meta.id,
      number: index + 1,
      title: meta.title,
      summary: meta.summary,
      estimatedMinutes: meta.estimatedMinutes,
      unlock: { minDaysAfterPrevious: meta.unlock?.minDaysAfterPrevious ?? 0 },
      blocks,
      requirements,
      ...(values.length ? { values } : {}),
    };
    sections.push(section);
    parts.push({ file, section, outline });
    stats.push(partStats(tree, { program: pack.folder, locale: manifest?.locale ?? 'nb', section: meta.id, file: String(file.path) }, file));
  });

  resolveLivingContent(parts.flatMap((p) => (p.section ? [{ section: p.section, outline: p.outline, file: p.file }] : [])));
  for (const svg of pack.svgAssets) {
    files.push(svg);
    checkSvg(svg);
  }

  const used = new Set<string>(manifest ? [
    ...manifest.measurement.start,
    ...manifest.measurement.end,
    ...(manifest.measurement.repeated ?? []).map((r) => r.instrument),
    manifest.measurement.evaluation,
  ] : []);
  for (const section of sections) {
    for (const block of section.blocks) if (block.type === 'questionnaire') used.add(block.ref);
    for (const value of section.values ?? []) if (value.instrument) used.add(value.instrument);
  }
  const instrumentIds = [...used].filter((id) => instruments.has(id)).sort();

  // Translations: every declared locale is compiled and compared with the source.
  const editions = new Map<string, EditionResult>();
  if (manifest && compiledManifest) {
    const declared = manifest.locales ?? [];
    const { source: manifestYaml, file: manifestFile } = compiledManifest;
    declared.forEach((locale, i) => {
      if (locale === manifest.locale) {
        report(manifestFile, 'error', 'manifest-schema', `Unexpected locale '${locale}' in locales, expected only translations (the source is ${manifest.locale})`, placeOf(manifestYaml, ['locales', i]));
      }
    });
    for (const localeSource of pack.locales) {
      if (!declared.includes(localeSource.locale)) {
        report(manifestFile, 'error', 'locale-undeclared', `Unexpected folder locales/${localeSource.locale}/, expected its locale declared in program.yaml (locales: [${[...declared, localeSource.locale].join(', ')}]) or the folder removed`, placeOf(manifestYaml, [manifest.locales ? 'locales' : 'locale'], true));
      }
    }
    for (const locale of declared) {
      if (locale === manifest.locale) continue;
      const edition = compileEdition({
        locale,
        localeSource: pack.locales.find((l) => l.locale === locale),
        manifest,
        manifestFile,
        manifestYaml,
        parts,
        instrumentIds,
        instruments,
        translations: translations.get(locale),
        context,
      });
      files.push(...edition.files);
      stats.push(...edition.stats);
      editions.set(locale, edition);
    }
  }

  const programInstruments: Record<string, Instrument> = {};
  for (const id of instrumentIds) {
    // Scoring examples are for validate, not for people: they stay out of the compiled program.
    const { examples: _examples, ...instrument } = instruments.get(id) as Instrument;
    programInstruments[id] = instrument;
  }
  if (manifest) programInstruments.checkin = checkinInstrument(manifest);

  // Published ids: checked once the source itself compiles (a broken part would look like a removed one).
  if (manifest && compiledManifest && pack.lock && !hasErrors(files)) {
    files.push(pack.lock);
    checkPublishedIds({
      lockFile: pack.lock,
      manifestFile: compiledManifest.file,
      manifestYaml: compiledManifest.source,
      manifest,
      current: idsOf({ id: manifest.id, version: manifest.version, sections, instruments: programInstruments }),
    });
  }

  if (!manifest || hasErrors(files)) return { program: undefined, files, stats };

  const program: CompiledProgram = {
    id: manifest.id,
    version: manifest.version,
    locale: manifest.locale,
    title: manifest.title,
    summary: manifest.summary,
    audience: manifest.audience,
    estimatedWeeks: manifest.estimatedWeeks,
    contentHash: '',
    measurement: {
      start: manifest.measurement.start,
      end: manifest.measurement.end,
      repeated: manifest.measurement.repeated ?? [],
      checkin: 'checkin',
      evaluation: manifest.measurement.evaluation,
    },
    instruments: programInstruments,
    sections,
  };
  if (manifest.renamed || manifest.retired || manifest.versionChange) {
    program.ids = { renames: idRenames(manifest.renamed), retired: manifest.retired ?? [], ...(manifest.versionChange ? { versionChange: manifest.versionChange } : {}) };
  }
  program.contentHash = hashOf(program);
  for (const [locale, result] of editions) {
    const complete = instrumentIds.every((id) => result.instruments[id]);
    const edition = complete && result.manifest ? editionOf(program, locale, result, translatedCheckin(manifest, result.manifest)) : undefined;
    if (!edition) continue;
    resolveLivingContent(edition.sections.map((section, i) => ({ section, outline: result.outlines[i] ?? [], file: undefined })), { values: false });
    edition.contentHash = hashOf(edition);
    program.editions = { ...program.editions, [locale]: edition };
  }

  const validate = validatorFor('program.schema.json');
  if (!validate(program)) {
    // A compiler bug, not an author mistake: say so plainly rather than write a bad program.
    report(pack.folderFile, 'error', 'manifest-schema', `Internal error: the compiled program does not match schemas/program.schema.json (${validate.errors?.[0]?.instancePath} ${validate.errors?.[0]?.message}); please report this`);
    files.push(pack.folderFile);
    return { program: undefined, files, stats };
  }
  return { program, files, stats };
}

function positionOf(source: YamlSource, path: (string | number)[]): Position | undefined {
  const point = placeOf(source, path);
  return point ? { start: point, end: point } : undefined;
}

function compileManifest(pack: PackSource, instruments: ReadonlyMap<string, Instrument>, files: VFile[]): { manifest: ProgramManifest; source: YamlSource; file: VFile } | undefined {
  const file = pack.manifest;
  if (!file) {
    report(pack.folderFile, 'error', 'manifest-missing', `Missing program.yaml in ${pack.folderFile.path}, expected a manifest with id, version, locale, title, summary, audience, estimatedWeeks and measurement`);
    files.push(pack.folderFile);
    return undefined;
  }
  files.push(file);
  const source = readYaml(file, String(file.value));
  if (!validateYaml(file, source, 'manifest.schema.json', 'manifest-schema', 'program.yaml')) return undefined;
  const manifest = source.data as ProgramManifest;
  let valid = true;
  if (manifest.id !== pack.folder) {
    report(file, 'error', 'program-id-mismatch', `Unexpected id '${manifest.id}', expected '${pack.folder}' (the folder name)`, placeOf(source, ['id']));
    valid = false;
  }
  const known = [...instruments.keys()].sort().join(', ');
  const refs: [(string | number)[], string][] = [
    ...manifest.measurement.start.map((id, i): [(string | number)[], string] => [['measurement', 'start', i], id]),
    ...manifest.measurement.end.map((id, i): [(string | number)[], string] => [['measurement', 'end', i], id]),
    ...(manifest.measurement.repeated ?? []).map((r, i): [(string | number)[], string] => [['measurement', 'repeated', i, 'instrument'], r.instrument]),
    [['measurement', 'evaluation'], manifest.measurement.evaluation],
  ];
  for (const [path, id] of refs) {
    const instrument = instruments.get(id);
    if (!instrument) {
      report(file, 'error', 'measurement-ref-unknown', `Unknown questionnaire '${id}', expected one of: ${known}`, placeOf(source, path));
      valid = false;
    }
  }
  const checkinIds = new Set<string>();
  manifest.measurement.checkin.items.forEach((item, i) => {
    if (checkinIds.has(item.id)) {
      report(file, 'error', 'id-duplicate', `Duplicate check-in item id '${item.id}', expected each id once`, placeOf(source, ['measurement', 'checkin', 'items', i, 'id']));
      valid = false;
    }
    checkinIds.add(item.id);
  });
  return valid ? { manifest, source, file } : undefined;
}

function checkNumbering(files: VFile[]): void {
  let expected = 1;
  for (const file of files) {
    const name = String(file.basename);
    const match = sectionFileName.exec(name);
    if (!match) {
      report(file, 'error', 'section-file-name', `Unexpected file name '${name}', expected NN-slug.md such as 01-velkommen.md`, { line: 1, column: 1 });
      continue;
    }
    const number = Number(match[1]);
    if (number !== expected) {
      const what = number < expected ? `repeats number ${match[1]}` : `skips from ${String(expected - 1).padStart(2, '0')} to ${match[1]}`;
      report(file, 'error', 'section-numbering-gap', `Unexpected section number: '${name}' ${what}, expected ${String(expected).padStart(2, '0')}`, { line: 1, column: 1 });
    }
    expected = Math.max(expected, number) + 1;
  }
}
