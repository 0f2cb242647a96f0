/**
 * One person's questionnaire answers as a FHIR R4 collection Bundle: a
 * QuestionnaireResponse for every stored response and an Observation for each score it
 * has (the total, and each subscale), coded with LOINC where the instrument's YAML names
 * a LOINC code and always with the project's own score code. Nothing identifying goes in:
 * the subject is only an identifier holding the code's ref, never the code, a token or
 * a name. Free-text answers are included only when the caller says so (the person's own
 * export), since a FHIR bundle is made to travel on into other systems.
 */
import { createHash } from 'node:crypto';
import type { Instrument, InstrumentItem } from '../../schemas/types.ts';
import { labelledIds } from '../instruments/labelled-ids.ts';
import type { Coding, Observation, PersonBundle, QuestionnaireResponse, QuestionnaireResponseAnswer, Reference } from './fhir-types.ts';
import {
  answerSystem, bandSystem, codeRefSystem, loincSystem, observationCategorySystem, questionnaireUrl,
  responseRefSystem, scoreCodeSystem, scoreIdSystem, ucumSystem,
} from './fhir-uris.ts';

/** A stored questionnaire response, as the store keeps it. */
export interface StoredResponse {
  ref: string;
  instrumentId: string;
  answers: Record<string, unknown>;
  score: { total?: number | null; band?: string | null; prorated?: boolean; subscales?: Record<string, { total: number | null; band: string | null }> };
  createdAt: string;
}

export interface PersonBundleOptions {
  /** The code's ref (`cod_...`): the only subject there is. */
  codeRef: string;
  /** The instrument a response was given to (its source edition), when it is known. */
  instrumentOf: (id: string) => Instrument | undefined;
  /** Include free-text answers (true for the person's own export). */
  freeText: boolean;
  /** When the bundle was made (ISO 8601). */
  now: string;
}

/** A stable `urn:uuid:` for a ref, so the same data gives the same bundle. */
export function uuidUrn(ref: string): string {
  const hex = createHash('sha256').update(`mestring-fhir:${ref}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const subjectOf = (codeRef: string): Reference => ({ identifier: { system: codeRefSystem, value: codeRef } });

function answerOf(instrument: Instrument | undefined, item: InstrumentItem | undefined, value: unknown, freeText: boolean): QuestionnaireResponseAnswer | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return freeText && value.trim() !== '' ? { valueString: value } : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  if (!instrument || !item || (item.type ?? 'choice') !== 'choice') return { valueInteger: value };
  const own = item.options !== undefined;
  const option = (item.options ?? instrument.options ?? []).find((o) => o.value === value);
  const coding: Coding = { system: answerSystem(instrument.id, own ? item.id : undefined), code: String(value), ...(option ? { display: option.label } : {}) };
  return { valueCoding: coding };
}

/** The response as a QuestionnaireResponse: one item per answered question, in the instrument's order. */
export function questionnaireResponseOf(response: StoredResponse, options: Pick<PersonBundleOptions, 'codeRef' | 'instrumentOf' | 'freeText'>): QuestionnaireResponse {
  const instrument = options.instrumentOf(response.instrumentId);
  const ids = instrument ? instrument.items.map((i) => i.id) : Object.keys(response.answers);
  const items = ids.flatMap((id) => {
    const item = instrument?.items.find((i) => i.id === id);
    const answer = Object.hasOwn(response.answers, id) ? answerOf(instrument, item, response.answers[id], options.freeText) : undefined;
    return answer ? [{ linkId: id, answer: [answer] }] : [];
  });
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: { system: responseRefSystem, value: response.ref },
    questionnaire: questionnaireUrl(response.instrumentId),
    status: 'completed',
    subject: subjectOf(options.codeRef),
    authored: response.createdAt,
    ...(items.length ? { item: items } : {}),
  };
}

interface ScoreOf {
  key: string;
  name: string;
  loinc?: string;
  total: number;
  band: string | null;
}

/** Every score a response has: its total, then each subscale with a value. */
function scoresOf(response: StoredResponse, instrument: Instrument | undefined): ScoreOf[] {
  const scoring = instrument?.scoring;
  const name = instrument?.name ?? response.instrumentId;
  const scores: ScoreOf[] = [];
  const { total, band = null, subscales = {} } = response.score;
  if (typeof total === 'number') scores.push({ key: 'total', name: `${name}: total score`, loinc: scoring?.total?.loinc, total, band });
  for (const [id, sub] of Object.entries(subscales)) {
    if (typeof sub.total !== 'number') continue;
    const rules = scoring?.subscales?.find((s) => s.id === id);
    scores.push({ key: id, name: `${name}: ${rules?.name ?? id} score`, loinc: rules?.loinc, total: sub.total, band: sub.band });
  }
  return scores;
}

/** An Observation for each score of the response, derived from the response at `responseUrl`. */
export function observationsOf(response: StoredResponse, responseUrl: string, options: Pick<PersonBundleOptions, 'codeRef' | 'instrumentOf'>): Observation[] {
  const instrument = options.instrumentOf(response.instrumentId);
  const labels = instrument ? labelledIds(instrument) : new Map<string, string>();
  return scoresOf(response, instrument).map((score) => {
    const own = `${response.instrumentId}-${score.key}`;
    const coding: Coding[] = [
      ...(score.loinc ? [{ system: loincSystem, code: score.loinc }] : []),
      { system: scoreCodeSystem, code: own, display: score.name },
    ];
    const bandLabel = score.band ? labels.get(score.band) : undefined;
    return {
      resourceType: 'Observation',
      identifier: [{ system: scoreIdSystem, value: `${response.ref}/${score.key}` }],
      status: 'final',
      category: [{ coding: [{ system: observationCategorySystem, code: 'survey', display: 'Survey' }] }],
      code: { coding, text: score.name },
      subject: subjectOf(options.codeRef),
      effectiveDateTime: response.createdAt,
      valueQuantity: { value: score.total, unit: '{score}', system: ucumSystem, code: '{score}' },
      ...(score.band ? { interpretation: [{ coding: [{ system: bandSystem(response.instrumentId), code: score.band, ...(bandLabel ? { display: bandLabel } : {}) }] }] } : {}),
      ...(response.score.prorated ? { note: [{ text: 'Prorated over unanswered items by the instrument\'s published rule.' }] } : {}),
      derivedFrom: [{ reference: responseUrl }],
    };
  });
}

/**
 * The person's responses and scores as a collection Bundle, oldest first.
 *
 * @example
 *   personBundle(rows, { codeRef: 'cod_x', instrumentOf: (id) => catalogue.get(id), freeText: true, now });
 */
export function personBundle(responses: readonly StoredResponse[], options: PersonBundleOptions): PersonBundle {
  const entry: PersonBundle['entry'] = [];
  for (const response of responses) {
    const fullUrl = uuidUrn(response.ref);
    entry.push({ fullUrl, resource: questionnaireResponseOf(response, options) });
    for (const observation of observationsOf(response, fullUrl, options)) {
      entry.push({ fullUrl: uuidUrn(observation.identifier[0]?.value ?? ''), resource: observation });
    }
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp: options.now, entry };
}
