/**
 * An instrument (programs/instruments/<id>.yaml, or one of its language editions) as a
 * FHIR R4 Questionnaire. linkIds are the item ids, so answers map back one to one;
 * each answer option is a Coding whose code is the stored value, and scored options carry
 * the points they count for in the ordinalValue extension (reversed items reversed).
 * The resource says whose wording it holds: the project's own adaptation says so in its
 * description and never claims to be the official translation, and an instrument whose
 * wording may not be shown (wording.source none, e.g. ISI) has no item texts at all.
 */
import type { Instrument, InstrumentItem } from '../../schemas/types.ts';
import { isNotApplicable, itemRange } from '../scoring/item-values.ts';
import type { Extension, Questionnaire, QuestionnaireItem } from './fhir-types.ts';
import {
  answerSystem, instrumentIdSystem, maxValueExtension, minValueExtension, ordinalValueExtension,
  questionnaireId, questionnaireUrl, wordingSourceExtension,
} from './fhir-uris.ts';

/** Which edition an instrument is: its language, and the source's language when it is a translation. */
export interface EditionOf {
  /** The edition's language (BCP 47), e.g. `nb` or `en`. */
  locale: string;
  /** Set on a translated edition: the id and language of the source it was translated from. */
  translatedFrom?: { locale: string };
}

/** linkId of the display item holding the instructions; `_` never occurs in an item id. */
export const instructionsLinkId = '_instructions';

/** The points an option counts for, or undefined when it counts for none (forms, not-applicable answers). */
export function optionScore(instrument: Instrument, item: InstrumentItem, value: number): number | undefined {
  if (instrument.kind !== 'scored' || isNotApplicable(instrument, item, value)) return undefined;
  if (!instrument.scoring?.reverse?.includes(item.id)) return value;
  const { min, max } = itemRange(instrument, item);
  return min + max - value;
}

/** What the resource says about its wording, in the edition's own words where the instrument has them. */
function wordingStatement(instrument: Instrument): string {
  const { source, label, note } = instrument.wording;
  if (source === 'none') return `${instrument.name}: only the scoring rules are published here; the item wording is licensed and not included. ${note}`;
  if (source === 'official') return `${instrument.name}: official wording installed by the service under its own licence. ${note}`;
  return label ?? note;
}

/** A FHIR name (`[A-Z][A-Za-z0-9_]*`) for machines: `phq9` -> `Phq9`, `phq9.en` -> `Phq9_en`. */
const machineName = (id: string) => id.replace(/[^A-Za-z0-9]+/g, '_').replace(/^./, (ch) => ch.toUpperCase());

function itemOf(instrument: Instrument, item: InstrumentItem, showText: boolean): QuestionnaireItem {
  const type = item.type ?? 'choice';
  const base = { linkId: item.id, ...(showText && item.text ? { text: item.text } : {}), ...(instrument.kind === 'form' ? { required: !item.optional } : {}) };
  if (type === 'text') return { ...base, type: 'text' };
  if (type === 'scale') {
    const extension: Extension[] = [
      { url: minValueExtension, valueInteger: item.min ?? 0 },
      { url: maxValueExtension, valueInteger: item.max ?? 0 },
    ];
    return { ...base, type: 'integer', extension };
  }
  const own = item.options !== undefined;
  return {
    ...base,
    type: 'choice',
    answerOption: (item.options ?? instrument.options ?? []).map((option) => {
      const score = optionScore(instrument, item, option.value);
      return {
        valueCoding: { system: answerSystem(instrument.id, own ? item.id : undefined), code: String(option.value), display: option.label },
        ...(score === undefined ? {} : { extension: [{ url: ordinalValueExtension, valueDecimal: score }] }),
      };
    }),
  };
}

/**
 * The instrument as a Questionnaire. A translated edition gets its own id and canonical
 * URL (`phq9.en`) and points at the source with derivedFrom.
 *
 * @example
 *   questionnaireOf(phq9, { locale: 'nb' }).item[1].linkId; // 'q1' (after the instructions)
 *   questionnaireOf(englishPhq9, { locale: 'en', translatedFrom: { locale: 'nb' } }).id; // 'phq9.en'
 */
export function questionnaireOf(instrument: Instrument, edition: EditionOf): Questionnaire {
  const id = questionnaireId(instrument.id, edition.translatedFrom ? edition.locale : undefined);
  const showText = instrument.wording.source !== 'none';
  const items = instrument.items.map((item) => itemOf(instrument, item, showText));
  const instructions: QuestionnaireItem[] = showText && instrument.instructions ? [{ linkId: instructionsLinkId, type: 'display', text: instrument.instructions }] : [];
  return {
    resourceType: 'Questionnaire',
    id,
    language: edition.locale,
    url: questionnaireUrl(id),
    identifier: [{ system: instrumentIdSystem, value: instrument.id }],
    version: instrument.version,
    name: machineName(id),
    title: instrument.title,
    status: 'active',
    publisher: 'Mestring',
    description: wordingStatement(instrument),
    copyright: instrument.licence.note,
    extension: [{ url: wordingSourceExtension, valueCode: instrument.wording.source }],
    ...(edition.translatedFrom ? { derivedFrom: [questionnaireUrl(instrument.id)] } : {}),
    item: [...instructions, ...items],
  };
}
