/** Progress: gating, completion, what is due and entry validation. Pure functions. */
export { emptySnapshot, ownValue, type ProgressSnapshot } from './snapshot.ts';
export { missingRequirements, missingStart, isComplete, type MissingRequirements } from './completion.ts';
export { sectionStates, overallProgress, canComplete, type SectionStatus, type SectionState, type LockReason } from './gating.ts';
export { dueNow, localDate, endedEarly, lastActivity, type DueItem, type DueKind, type EndOptions } from './due.ts';
export { validateEntry, type EntryError, type EntryErrorCode, type EntryValue } from './validate-entry.ts';
export { questionnaireReminders } from './reminders.ts';
export { repeatInterval, type RepeatEvery } from './interval.ts';
export { scheduledOpenings, localMidnight, type GroupSchedule } from './group-schedule.ts';
