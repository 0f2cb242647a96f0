/**
 * The goals and plans a person set for the coming week, in their own words, for the
 * weekly call: the answers to the fields an author marked `goal` in the pack. Pure: the
 * program and the entries in, the list out.
 */
import type { ApiWeeklyGoal, CompiledProgram } from '../../schemas/types.ts';

/** An entry as the goals need it: which exercise, its values and when it last changed. */
export interface GoalEntry { exerciseId: string; values: Readonly<Record<string, unknown>>; updatedAt: string }

/** One goal or plan: the field's question, the person's words, and when they wrote them (schemas/api-staff.schema.json). */
export type WeeklyGoal = ApiWeeklyGoal;

/**
 * The answers to the program's goal fields, newest first: every answer changed at or after
 * `since`, and for a goal field with no answer since then its latest earlier answer, so the
 * call can still start from the goals the person last set. Without `since`, every answer.
 *
 * @example
 *   weeklyGoals(program, entries, '2025-09-08T10:00:00.000Z')
 *   // [{ exerciseId: 'goals', fieldId: 'goal-1', label: 'Mål 1: ...', text: 'Gå tur tre ganger', ... }]
 */
export function weeklyGoals(program: CompiledProgram, entries: readonly GoalEntry[], since: string | null): WeeklyGoal[] {
  const fields = new Map<string, { exerciseId: string; fieldId: string; label: string }[]>();
  for (const section of program.sections) {
    for (const block of section.blocks) {
      if (block.type !== 'exercise') continue;
      const goals = block.fields.filter((f) => f.goal).map((f) => ({ exerciseId: block.id, fieldId: f.id, label: f.label }));
      if (goals.length) fields.set(block.id, goals);
    }
  }
  const out: WeeklyGoal[] = [];
  const earlier = new Map<string, WeeklyGoal>();
  for (const entry of entries) {
    for (const field of fields.get(entry.exerciseId) ?? []) {
      const value = entry.values[field.fieldId];
      if (typeof value !== 'string' || !value.trim()) continue;
      const goal = { ...field, text: value.trim(), updatedAt: entry.updatedAt, sinceLastContact: !since || entry.updatedAt >= since };
      const key = `${field.exerciseId}/${field.fieldId}`;
      if (goal.sinceLastContact) out.push(goal);
      else if (!earlier.has(key) || earlier.get(key)!.updatedAt < goal.updatedAt) earlier.set(key, goal);
    }
  }
  const answered = new Set(out.map((g) => `${g.exerciseId}/${g.fieldId}`));
  for (const [key, goal] of earlier) if (!answered.has(key)) out.push(goal);
  return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
