/**
 * The engine's public surface: compile packs, score questionnaires, decide gating.
 * Pure TypeScript: no HTTP, no database.
 */
export { compileProgram, checkinInstrument, type CompileResult } from './compile/compile-program.ts';
export { compileTree, loadInstruments, type TreeResult } from './compile/compile-tree.ts';
export { readPack, readInstrumentFiles, type PackSource } from './compile/read-pack.ts';
export { loadInstrument } from './instruments/load-instrument.ts';
export { rules, type RuleId } from './rules.ts';
export { report, hasErrors, hasWarnings, type Severity } from './diagnostics.ts';
export { validatorFor, schemasDir } from './schemas.ts';
export { summariseNight, sleepWindow, sleepWindowLength, sleepSeries, minutesBetween, type SleepDiaryNight, type SleepNightSummary, type SleepSeriesPoint } from './exercises/sleep-diary.ts';
export * from './progress/index.ts';
export { scoreResponse, answersFromList, missingForScore, type Answers } from './scoring/score-response.ts';
export { classifyOutcome, outcomeRules, reliableChangeIndex, type OutcomeResult, type OutcomeScores, type OutcomeClass } from './scoring/classify-outcome.ts';
export { applyOverlay } from './scoring/apply-overlay.ts';
export { checkOverlay, WORDING_OVERLAY_ENV } from './scoring/check-overlay.ts';
