/**
 * Shared checks for a program's English edition (issue 17): load the source and its
 * `en` edition with the reading measures, compare their structure, and find Norwegian
 * words left in English prose. Used by tests/programs/<id>-en.test.ts.
 */
import { compileTree } from '../../engine/index.ts';
import type { PartStats } from '../../engine/index.ts';
import type { CompiledProgram, CompiledSection, NoteBlock } from '../../schemas/types.ts';
import { exercisesOf, notesOf } from './pack.ts';

export interface Editions {
  nb: CompiledProgram;
  en: CompiledProgram;
  /** Every error and warning of the program's files, one line each. */
  problems: string[];
  /** Reading measures of the English parts, by part id. */
  enStats: Map<string, PartStats>;
}

/** Compiles programs/<id> and returns its source and English editions. */
export function loadEditions(id: string): Editions {
  const { programs, files, stats } = compileTree([`programs/${id}`]);
  const problems = files
    .filter((f) => f.path.includes(`programs/${id}/`))
    .flatMap((file) =>
      file.messages
        .filter((m) => m.fatal === true || m.fatal === false)
        .map((m) => `${file.path}:${m.line ?? '?'}:${m.column ?? '?'} ${m.fatal ? 'error' : 'warning'} ${m.reason} (${m.ruleId})`),
    );
  const nb = programs.find((p) => p.id === id) as CompiledProgram;
  const en = nb?.editions?.en as CompiledProgram;
  const enStats = new Map(stats.filter((s) => s.program === id && s.locale === 'en').map((s) => [s.section, s]));
  return { nb, en, problems, enStats };
}

/**
 * What a translation must keep: per part its id and number, and per exercise its id,
 * kind, gating and fields (id, type, required, range, option values); the notes' kinds in order.
 */
export function structureOf(program: CompiledProgram): unknown {
  return program.sections.map((s: CompiledSection) => ({
    id: s.id,
    number: s.number,
    estimatedMinutes: s.estimatedMinutes,
    unlock: s.unlock,
    requirements: s.requirements,
    exercises: exercisesOf(s).map((e) => ({
      id: e.id,
      kind: e.kind,
      required: e.required,
      minEntries: e.minEntries,
      repeatable: e.repeatable,
      fields: e.fields.map((f) => ({ id: f.id, type: f.type, required: f.required, min: f.min, max: f.max, options: f.options?.map((o) => o.value) })),
    })),
    notes: notesOf(s).map((n: NoteBlock) => n.kind),
  }));
}

/** The `tel:` links of a part's HTML (content, notes and exercises), sorted and unique. */
export function telLinks(section: CompiledSection): string[] {
  const html = section.blocks.map((b) => ('html' in b && typeof b.html === 'string' ? b.html : '')).join(' ');
  return [...new Set([...html.matchAll(/href="(tel:[^"]+)"/g)].map((m) => m[1] as string))].sort();
}

/** Norwegian names kept on purpose in the English text (institutions and helplines). */
const keptNames = [
  'Alarmtelefonen for barn og unge',
  'Vold- og overgrepslinjen',
  'Trøndelag',
  'distriktspsykiatrisk senter',
  'Helsedirektoratet',
  'Mental Helse',
  'Kirkens SOS',
  'legevakt',
  'Legevakt',
  'fastlege',
];

/** Typical bokmål words that never occur in English prose. */
const bokmal = /(?<!\p{L})(og|ikke|du|deg|jeg|å|er|som|på|har|skal|også|eller|hva|hvordan|når|etter|med|til|av|det|en|et)(?!\p{L})/giu;

/** Bokmål words (and æ, ø, å) left in English text, after removing the kept Norwegian names. */
export function norwegianLeft(text: string): string[] {
  let rest = text;
  for (const name of keptNames) rest = rest.split(name).join(' ');
  const words = [...rest.matchAll(bokmal)].map((m) => m[0]);
  const letters = [...rest.matchAll(/\S*[æøåÆØÅ]\S*/g)].map((m) => m[0]);
  return [...words, ...letters];
}
