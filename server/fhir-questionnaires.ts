/**
 * The questionnaires the FHIR routes publish: every instrument file in
 * `<programsDir>/instruments/` and each of its language editions (locales/<lang>/),
 * plus any instrument a loaded program uses that is not among the files (never the
 * per-program check-in form, whose id is the same in every program).
 *
 * The files are read as shipped, without the service's wording overlay: a licence to
 * show an official text to the service's own people is no licence to publish it on an
 * open route, so an installed official wording never leaves through FHIR.
 */
import { join } from 'node:path';
import type { CompiledProgram, Instrument } from '../schemas/types.ts';
import { loadInstruments } from '../engine/compile/compile-tree.ts';
import { translateInstrument } from '../engine/instruments/translate-instrument.ts';
import { questionnaireOf } from '../engine/fhir/questionnaire.ts';
import type { Questionnaire } from '../engine/fhir/fhir-types.ts';

/** The language instrument files are written in (docs/instruments.md: bokmål). */
export const instrumentSourceLocale = 'nb';

export interface QuestionnaireCatalogue {
  /** Every edition, source first, sorted by id. */
  questionnaires: Questionnaire[];
  byId: ReadonlyMap<string, Questionnaire>;
  /** An instrument's source edition, for mapping stored answers. */
  instrument(id: string): Instrument | undefined;
}

/**
 * Reads the instrument files once and maps them.
 *
 * @example
 *   const catalogue = questionnaireCatalogue('./programs', programs);
 *   catalogue.byId.get('phq9.en')?.language; // 'en'
 */
export function questionnaireCatalogue(programsDir: string, programs: Iterable<CompiledProgram>): QuestionnaireCatalogue {
  const { instruments, translations } = loadInstruments(join(programsDir, 'instruments'));
  const sources = new Map<string, { instrument: Instrument; locale: string }>();
  for (const [id, instrument] of instruments) sources.set(id, { instrument, locale: instrumentSourceLocale });
  const editions: { instrument: Instrument; locale: string; from: string }[] = [];
  for (const [locale, byId] of translations) {
    for (const [id, translation] of byId) {
      const source = instruments.get(id);
      if (source && translation) editions.push({ instrument: translateInstrument(source, translation), locale, from: instrumentSourceLocale });
    }
  }
  for (const program of programs) {
    for (const [id, instrument] of Object.entries(program.instruments)) {
      if (id === program.measurement.checkin || sources.has(id)) continue;
      // Never a wording the service installed under licence (see the header).
      if (instrument.wording.source === 'official') continue;
      sources.set(id, { instrument, locale: program.locale });
    }
  }
  const questionnaires = [
    ...[...sources.values()].map(({ instrument, locale }) => questionnaireOf(instrument, { locale })),
    ...editions.map(({ instrument, locale, from }) => questionnaireOf(instrument, { locale, translatedFrom: { locale: from } })),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    questionnaires,
    byId: new Map(questionnaires.map((q) => [q.id, q])),
    instrument: (id) => sources.get(id)?.instrument,
  };
}
