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
export { summariseNight, sleepWindow, minutesBetween, type SleepDiaryNight, type SleepNightSummary } from './exercises/sleep-diary.ts';
