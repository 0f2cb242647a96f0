/**
 * The engine's public surface: compile packs, score questionnaires, decide gating.
 * Pure TypeScript: no HTTP, no database.
 */
export { compileProgram, checkinInstrument, type CompileResult } from './compile/compile-program.ts';
export { compileTree, loadInstruments, type TreeResult, type InstrumentTranslations } from './compile/compile-tree.ts';
export { readPack, readInstrumentFiles, readInstrumentTranslationFiles, type PackSource, type LocaleSource } from './compile/read-pack.ts';
export { editionFor, programLocales } from './compile/edition-for.ts';
export { sourceHash, manifestTextHash, instrumentTextHash, withSourceHash } from './compile/source-hash.ts';
export { translateInstrument } from './instruments/translate-instrument.ts';
export { textStats, proseOf, sentencesOf, readingWordsPerMinute, type TextStats } from './readability/text-stats.ts';
export type { PartStats } from './compile/part-stats.ts';
export { loadInstrument } from './instruments/load-instrument.ts';
export { rules, type RuleId } from './rules.ts';
export { report, hasErrors, hasWarnings, type Severity } from './diagnostics.ts';
export { validatorFor, schemasDir } from './schemas.ts';
export { summariseNight, sleepWindow, sleepWindowLength, sleepSeries, minutesBetween, type SleepDiaryNight, type SleepNightSummary, type SleepSeriesPoint } from './exercises/sleep-diary.ts';
export * from './progress/index.ts';
export { scoreResponse, answersFromList, missingForScore, type Answers } from './scoring/score-response.ts';
export { classifyOutcome, outcomeRules, reliableChangeIndex, type OutcomeResult, type OutcomeScores, type OutcomeClass, type MeasureRules } from './scoring/classify-outcome.ts';
export { outcomeReport, minimumK, type OutcomeReport, type OutcomeReportInput, type CohortCode } from './reports/outcome-report.ts';
export { suppressedPaths, type CountRelations } from './reports/k-anonymity.ts';
export { applyOverlay, overlayProgram } from './scoring/apply-overlay.ts';
export { checkOverlay, WORDING_OVERLAY_ENV } from './scoring/check-overlay.ts';
export { idsOf, mergeLocks, lockYaml } from './ids/published-ids.ts';
export { idRenames, renameEntryValues, renameAnswers, resolveRename } from './ids/id-renames.ts';
export { readLock } from './ids/check-published-ids.ts';
export { personalizeSection, personalValues, fillValues, recallEntries, formatValue, sleepWindowValue, scoreValue, type PersonData, type ComputedValue, type SleepWindowValue, type ScoreValue } from './living/personalize.ts';
