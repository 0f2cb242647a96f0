import { describe, expect, it } from 'vitest';
import type { CompiledProgram } from '../../../schemas/types.ts';
import { weeklyGoals } from '../../../engine/exercises/weekly-goals.ts';

// Only what weeklyGoals reads: the parts' exercise blocks and their fields.
const program = {
  sections: [
    { id: 'start', blocks: [{ type: 'exercise', id: 'goals', fields: [{ id: 'goal-1', label: 'Mål 1', type: 'longtext', required: true, goal: true }, { id: 'importance', label: 'Hvor viktig?', type: 'scale', required: false }, { id: 'goal-2', label: 'Mål 2', type: 'longtext', required: false, goal: true }] }] },
    { id: 'plan', blocks: [{ type: 'exercise', id: 'week', fields: [{ id: 'this-week', label: 'Denne uken', type: 'text', required: true, goal: true }] }, { type: 'exercise', id: 'log', fields: [{ id: 'note', label: 'Notat', type: 'longtext', required: false }] }] },
  ],
} as unknown as CompiledProgram;

describe('weekly goals', () => {
  it('lists the goal fields written since the last contact, newest first, in field order within an entry', () => {
    const goals = weeklyGoals(program, [
      { exerciseId: 'goals', values: { 'goal-1': ' Gå tur ', importance: 7, 'goal-2': 'Ringe en venn' }, updatedAt: '2025-03-03T10:00:00Z' },
      { exerciseId: 'log', values: { note: 'Ikke et mål' }, updatedAt: '2025-03-04T10:00:00Z' },
      { exerciseId: 'week', values: { 'this-week': 'Handle på lørdag' }, updatedAt: '2025-03-05T10:00:00Z' },
    ], null);
    expect(goals.map((g) => [g.fieldId, g.text, g.sinceLastContact])).toEqual([['this-week', 'Handle på lørdag', true], ['goal-1', 'Gå tur', true], ['goal-2', 'Ringe en venn', true]]);
    expect(goals[1]).toEqual({ exerciseId: 'goals', fieldId: 'goal-1', label: 'Mål 1', text: 'Gå tur', updatedAt: '2025-03-03T10:00:00Z', sinceLastContact: true });
  });

  it('keeps the latest earlier answer of a goal field with nothing new, and skips empty answers', () => {
    const goals = weeklyGoals(program, [
      { exerciseId: 'week', values: { 'this-week': 'Uke 1' }, updatedAt: '2025-03-01T10:00:00Z' },
      { exerciseId: 'week', values: { 'this-week': 'Uke 2' }, updatedAt: '2025-03-08T10:00:00Z' },
      { exerciseId: 'goals', values: { 'goal-1': 'Gå tur', 'goal-2': '  ' }, updatedAt: '2025-03-02T10:00:00Z' },
      { exerciseId: 'week', values: { 'this-week': 'Uke 3, etter samtalen' }, updatedAt: '2025-03-15T10:00:00Z' },
    ], '2025-03-10T00:00:00Z');
    expect(goals.map((g) => [g.fieldId, g.text, g.sinceLastContact])).toEqual([['this-week', 'Uke 3, etter samtalen', true], ['goal-1', 'Gå tur', false]]);
    expect(weeklyGoals(program, [], '2025-03-10T00:00:00Z')).toEqual([]);
  });
});
