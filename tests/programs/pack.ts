/**
 * Shared helpers for the program structure tests: compile one shipped program and
 * list its diagnostics, and find its parts' exercises, notes, text and fields.
 */
import { expect } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection, NoteBlock } from '../../schemas/types.ts';

/** Compiles programs/<id>; `problems` lists every error and warning as one line each. */
export function loadProgram(id: string): { program: CompiledProgram; problems: string[] } {
  const { programs, files } = compileTree([`programs/${id}`]);
  const problems = files.flatMap((file) =>
    file.messages
      .filter((m) => m.fatal === true || m.fatal === false)
      .map((m) => `${file.path}:${m.line ?? '?'}:${m.column ?? '?'} ${m.fatal ? 'error' : 'warning'} ${m.reason} (${m.ruleId})`),
  );
  return { program: programs.find((p) => p.id === id) as CompiledProgram, problems };
}

export const exercisesOf = (section: CompiledSection): CompiledExercise[] =>
  section.blocks.filter((b): b is CompiledExercise => b.type === 'exercise');

export const notesOf = (section: CompiledSection): NoteBlock[] => section.blocks.filter((b): b is NoteBlock => b.type === 'note');

/** A part's readable text (content, notes and exercise instructions) without tags. */
export const textOf = (section: CompiledSection): string =>
  section.blocks
    .map((b) => (b.type === 'html' || b.type === 'note' || b.type === 'exercise' ? b.html : ''))
    .join(' ')
    .replace(/<[^>]+>/g, ' ');

/** Words in a part, counted as runs with at least one letter. */
export const wordsOf = (section: CompiledSection): number => textOf(section).split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** The exercise `id` of `program` and the part it is in; throws when there is none. */
export function findExercise(program: CompiledProgram, id: string): { exercise: CompiledExercise; section: CompiledSection } {
  for (const section of program.sections) {
    const found = exercisesOf(section).find((e) => e.id === id);
    if (found) return { exercise: found, section };
  }
  throw new Error(`exercise '${id}' not found in programs/${program.id}`);
}

/** The field `id` of an exercise, asserting that it exists. */
export function field(ex: CompiledExercise, id: string): CompiledField {
  const found = ex.fields.find((f) => f.id === id);
  expect(found, `field '${id}' in exercise '${ex.id}'`).toBeDefined();
  return found as CompiledField;
}
