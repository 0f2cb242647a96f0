/**
 * Gating: which parts are locked, available or completed. A part opens when the one
 * before it is complete and any minDaysAfterPrevious has passed (part 1: when the
 * initial questionnaires are answered), or when a professional opens it. Stored
 * openings win: a part never locks again once open, even after a program update.
 */
import type { CompiledProgram } from '../../schemas/types.ts';
import { ownValue, type ProgressSnapshot } from './snapshot.ts';
import { isComplete, missingRequirements, missingStart, type MissingRequirements } from './completion.ts';

export type SectionState = 'locked' | 'available' | 'completed';

/** Why a part is locked, as data with a stable id. */
export type LockReason =
  | { code: 'start_questionnaires_due'; instruments: string[] }
  | { code: 'previous_incomplete'; sectionId: string }
  | { code: 'waiting_days'; opensAt: string }
  | { code: 'scheduled'; opensAt: string };

export interface SectionStatus {
  id: string;
  number: number;
  title: string;
  summary: string;
  state: SectionState;
  /** When the part was opened (stored), if it has been. */
  openedAt: string | null;
  completedAt: string | null;
  /** Set when the part is not stored as open yet but may be opened now. */
  opensNow: boolean;
  lockedReason: LockReason | null;
  missing: MissingRequirements;
}

const day = 24 * 60 * 60 * 1000;

/**
 * The state of every part of `program` for the person in `snapshot` at `now`.
 *
 * @example
 *   const states = sectionStates(program, snapshot, new Date());
 *   states.filter((s) => s.opensNow) // parts the server should store as opened
 *
 * In a group, `schedule` holds when each part opens (group-schedule.ts): a part opens
 * when that time has come and it would open otherwise.
 */
export function sectionStates(program: CompiledProgram, snapshot: ProgressSnapshot, now: Date, schedule?: Readonly<Record<string, string>>): SectionStatus[] {
  const result: SectionStatus[] = [];
  const startDue = missingStart(program, snapshot);
  program.sections.forEach((section, index) => {
    const stored = ownValue(snapshot.sections, section.id);
    const missing = missingRequirements(section, snapshot);
    // Each state is written out in full, not spread from a shared base: V8 copied the
    // spread object through a slow path, which made this function about 90 µs of every
    // person's request (8 parts) instead of about 2 (docs/performance.md).
    if (stored) {
      result.push({
        id: section.id, number: section.number, title: section.title, summary: section.summary, missing,
        state: stored.completedAt ? 'completed' : 'available',
        openedAt: stored.openedAt,
        completedAt: stored.completedAt,
        opensNow: false,
        lockedReason: null,
      });
      return;
    }
    let lockedReason: LockReason | null = null;
    const previous = index > 0 ? result[index - 1] : undefined;
    if (!previous) {
      if (startDue.length) lockedReason = { code: 'start_questionnaires_due', instruments: startDue };
    } else if (previous.state !== 'completed' || !previous.completedAt) {
      lockedReason = { code: 'previous_incomplete', sectionId: previous.id };
    } else {
      const opensAt = new Date(Date.parse(previous.completedAt) + section.unlock.minDaysAfterPrevious * day);
      if (opensAt > now) lockedReason = { code: 'waiting_days', opensAt: opensAt.toISOString() };
    }
    const scheduled = schedule && Object.hasOwn(schedule, section.id) ? schedule[section.id] : undefined;
    if (!lockedReason && scheduled && Date.parse(scheduled) > now.getTime()) lockedReason = { code: 'scheduled', opensAt: scheduled };
    result.push({
      id: section.id, number: section.number, title: section.title, summary: section.summary, missing,
      state: lockedReason ? 'locked' : 'available',
      openedAt: null,
      completedAt: null,
      opensNow: !lockedReason,
      lockedReason,
    });
  });
  return result;
}

/** Overall progress: completed parts of all parts. */
export function overallProgress(states: readonly SectionStatus[]): { completed: number; total: number; percent: number } {
  const completed = states.filter((s) => s.state === 'completed').length;
  const total = states.length;
  return { completed, total, percent: total ? Math.round((completed / total) * 100) : 0 };
}

/** Whether `section` may be completed now: open and nothing missing. */
export function canComplete(status: SectionStatus): boolean {
  return status.state === 'available' && isComplete(status.missing);
}
