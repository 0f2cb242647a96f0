/**
 * Living content for one person: the values a part shows (:value) computed from the
 * person's own entries and responses, and their earlier entries in ::recall blocks.
 * Pure: the server reads the person's data, calls personalizeSection and sends the
 * result (GET /v1/me/sections/{id}); the preview calls it with sample data.
 */
import type { CompiledProgram, CompiledSection, Instrument, RecallBlock, ValueSpec } from '../../schemas/types.ts';
import { minutesOfDay, sleepWindow, type SleepDiaryNight } from '../exercises/sleep-diary.ts';
import { scoreResponse, type Answers } from '../scoring/score-response.ts';
import { scaleRange } from '../scoring/item-values.ts';
import { labelledIds } from '../instruments/labelled-ids.ts';

/** A person's stored data as the engine needs it (the API's entry and response views fit). */
export interface PersonData {
  entries: readonly { id: string; exerciseId: string; values: Record<string, unknown>; createdAt: string; updatedAt?: string }[];
  responses: readonly { instrument: string; answers: Record<string, unknown>; createdAt: string }[];
}

/** The sleep window for the person: its length and when to go to bed for the fixed rise time. */
export interface SleepWindowValue {
  of: 'sleep-window';
  minutes: number;
  bedtime: string;
  riseTime: string;
  /** Diary nights it is computed from (the last 7 at most). */
  nights: number;
}

/** The latest score of a questionnaire with its band. */
export interface ScoreValue {
  of: 'score';
  instrument: string;
  total: number | null;
  max: number | null;
  band: string | null;
  bandLabel: string | null;
  answeredAt: string;
}

export type ComputedValue = (SleepWindowValue | ScoreValue) & { key: string; text: string };

const isNight = (v: Record<string, unknown>): boolean =>
  ['in-bed', 'lights-out', 'final-wake', 'out-of-bed'].every((k) => typeof v[k] === 'string' && !Number.isNaN(minutesOfDay(v[k] as string))) &&
  ['sleep-latency', 'awake-during-night'].every((k) => typeof v[k] === 'number');

const when = (e: { createdAt: string; updatedAt?: string }) => e.updatedAt ?? e.createdAt;

/** Words for values in each language the engine knows; another language gets English. */
const words: Record<string, { hours: string; from: string; to: string; of: string }> = {
  nb: { hours: 't', from: 'fra', to: 'til', of: 'av' },
  nn: { hours: 't', from: 'frå', to: 'til', of: 'av' },
  en: { hours: 'h', from: 'from', to: 'to', of: 'of' },
};
const wordsFor = (locale: string) => words[locale] ?? words[locale.split('-')[0] ?? ''] ?? (words.en as (typeof words)['en']);

/**
 * A value as text in `locale`.
 *
 * @example
 *   formatValue({ of: 'sleep-window', minutes: 370, bedtime: '00:50', riseTime: '07:00', nights: 7 }, 'nb')
 *   // '6 t 10 min, fra 00:50 til 07:00'
 */
export function formatValue(value: SleepWindowValue | ScoreValue, locale: string): string {
  const w = wordsFor(locale);
  if (value.of === 'sleep-window') {
    const hours = Math.floor(value.minutes / 60);
    const minutes = value.minutes % 60;
    return `${hours} ${w.hours}${minutes ? ` ${minutes} min` : ''}, ${w.from} ${value.bedtime} ${w.to} ${value.riseTime}`;
  }
  const score = value.total === null ? '' : value.max === null ? String(value.total) : `${value.total} ${w.of} ${value.max}`;
  const band = value.bandLabel ? value.bandLabel.charAt(0).toLowerCase() + value.bandLabel.slice(1) : '';
  return score && band ? `${score} (${band})` : score || band;
}

/** The sleep window from the person's diary nights and latest rise time, or null when either is missing. */
export function sleepWindowValue(spec: ValueSpec, program: Pick<CompiledProgram, 'sections'>, data: PersonData): SleepWindowValue | null {
  const diaries = new Set(spec.diary ?? []);
  const dateField = new Map<string, string | undefined>();
  for (const section of program.sections) for (const b of section.blocks) if (b.type === 'exercise' && diaries.has(b.id)) dateField.set(b.id, b.fields.find((f) => f.type === 'date')?.id);
  const nights = data.entries
    .filter((e) => diaries.has(e.exerciseId) && isNight(e.values))
    .map((e) => ({ at: String(e.values[dateField.get(e.exerciseId) ?? ''] ?? e.createdAt), night: e.values as unknown as SleepDiaryNight }))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((n) => n.night);
  const rises = data.entries
    .flatMap((e) => (spec.riseTime ?? []).filter((r) => r.exercise === e.exerciseId).map((r) => ({ value: e.values[r.field], at: when(e) })))
    .filter((r): r is { value: string; at: string } => typeof r.value === 'string' && !Number.isNaN(minutesOfDay(r.value)))
    .sort((a, b) => a.at.localeCompare(b.at));
  const rise = rises.at(-1)?.value;
  if (!rise) return null;
  const window = sleepWindow(nights, rise);
  return window ? { of: 'sleep-window', ...window } : null;
}

/** The latest score of `spec.instrument`, or null when there is no scorable response. */
export function scoreValue(spec: ValueSpec, instrument: Instrument | undefined, data: PersonData): ScoreValue | null {
  if (!instrument) return null;
  const latest = data.responses.filter((r) => r.instrument === instrument.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  if (!latest) return null;
  const result = scoreResponse(instrument, latest.answers as Answers);
  if (!result.valid || (result.total === null && result.band === null)) return null;
  const total = instrument.scoring?.total;
  return {
    of: 'score',
    instrument: instrument.id,
    total: result.total,
    max: total && result.total !== null ? scaleRange(instrument, total).max : null,
    band: result.band,
    bandLabel: result.band ? labelledIds(instrument).get(result.band) ?? null : null,
    answeredAt: latest.createdAt,
  };
}

/**
 * Every value `section` shows, computed for the person in the words of `program`'s
 * edition (its locale and band labels); null where there is nothing to show yet
 * (the fallback text stays).
 */
export function personalValues(program: CompiledProgram, section: CompiledSection, data: PersonData): Record<string, ComputedValue | null> {
  const out: Record<string, ComputedValue | null> = {};
  for (const spec of section.values ?? []) {
    const value = spec.of === 'sleep-window' ? sleepWindowValue(spec, program, data) : scoreValue(spec, program.instruments[spec.instrument ?? ''], data);
    out[spec.key] = value ? Object.assign({}, value, { key: spec.key, text: formatValue(value, program.locale) }) : null;
  }
  return out;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const marker = /(<span class="value" data-value=")([^"]*)(">)([\s\S]*?)(<\/span>)/g;

/** `html` with each value marker's text replaced by its computed value (a marker without one keeps its fallback). */
export function fillValues(html: string, values: Readonly<Record<string, { text: string } | null>>): string {
  return html.replace(marker, (whole, open: string, key: string, mid: string, _fallback: string, close: string) => {
    const value = values[key];
    return value ? `${open}${key}${mid}${escapeHtml(value.text)}${close}` : whole;
  });
}

/** The person's entries of a recalled exercise, oldest first. */
export function recallEntries(block: RecallBlock, data: PersonData): NonNullable<RecallBlock['entries']> {
  return data.entries
    .filter((e) => e.exerciseId === block.exercise)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((e) => ({ id: e.id, values: e.values, createdAt: e.createdAt, ...(e.updatedAt ? { updatedAt: e.updatedAt } : {}) }));
}

/**
 * `section` (of the edition the person reads) for this person: value markers hold
 * their values and recall blocks their entries. Does not change its input.
 *
 * @example
 *   const edition = editionFor(program, language);
 *   const section = edition.sections.find((s) => s.id === id)!;
 *   c.json({ section: personalizeSection(edition, section, { entries, responses }) });
 */
export function personalizeSection(program: CompiledProgram, section: CompiledSection, data: PersonData): CompiledSection {
  const values = personalValues(program, section, data);
  const hasValues = Object.keys(values).length > 0;
  // Object.assign, not `{ ...block, html }`: on Node 20 a spread followed by another
  // property takes V8's slow path (about 2 µs each, and a part has dozens of blocks).
  return Object.assign({}, section, {
    blocks: section.blocks.map((block) => {
      if (block.type === 'recall') return Object.assign({}, block, { entries: recallEntries(block, data) });
      if (!hasValues || !('html' in block)) return block;
      return Object.assign({}, block, { html: fillValues(block.html, values) });
    }),
  });
}
