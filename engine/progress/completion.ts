/**
 * Whether a part is complete: every required exercise has its entries and every
 * required questionnaire has been answered since the part opened. The server decides
 * completion with this, never the client.
 */
import type { CompiledProgram, CompiledSection } from '../../schemas/types.ts';
import { ownValue, type ProgressSnapshot } from './snapshot.ts';

/** What a part still requires. Empty lists mean it can be completed. */
export interface MissingRequirements {
  exercises: { id: string; required: number; saved: number }[];
  questionnaires: string[];
}

/**
 * What `section` still requires of the person.
 *
 * @example
 *   const missing = missingRequirements(section, snapshot);
 *   if (isComplete(missing)) ...
 */
export function missingRequirements(section: CompiledSection, snapshot: ProgressSnapshot): MissingRequirements {
  const openedAt = ownValue(snapshot.sections, section.id)?.openedAt;
  const exercises = section.requirements.exercises
    .map((r) => ({ id: r.id, required: Math.max(1, r.minEntries), saved: ownValue(snapshot.entryCounts, r.id) ?? 0 }))
    .filter((r) => r.saved < r.required);
  const questionnaires = section.requirements.questionnaires.filter(
    (id) => !snapshot.responses.some((r) => r.instrument === id && (!openedAt || r.at >= openedAt)),
  );
  return { exercises, questionnaires };
}

/** True when nothing is missing. */
export function isComplete(missing: MissingRequirements): boolean {
  return missing.exercises.length === 0 && missing.questionnaires.length === 0;
}

/**
 * The start questionnaires not yet answered (the initial mapping), due before part 1 opens.
 *
 * @example
 *   missingStart(program, snapshot) // ['phq9'] until a PHQ-9 is saved
 */
export function missingStart(program: CompiledProgram, snapshot: ProgressSnapshot): string[] {
  return program.measurement.start.filter((id) => !snapshot.responses.some((r) => r.instrument === id));
}
