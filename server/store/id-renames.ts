/**
 * Moves stored progress to renamed ids at start: a program's `ids.renames` (compiled
 * from the manifest's `renamed:` map by the engine's idRenames) applied to the rows of
 * the codes of that program. Parts: section_states.section_id and entries.section_id;
 * exercises: entries.exercise_id; fields and options: the keys and values in
 * entries.values_json; items: the keys of responses.answers_json (and of
 * checkins.ratings_json for the check-in). One transaction; running it again changes
 * nothing, since an old id is never used again (validate enforces it). SQL lives here.
 */
import type { Db } from '../db/open-database.ts';
import type { CompiledProgram, IdRename } from '../../schemas/types.ts';
import { renameAnswers, renameEntryValues } from '../../engine/ids/id-renames.ts';

const ofProgram = 'code_id IN (SELECT id FROM codes WHERE program_id = @program)';

/**
 * Applies every program's renames; returns the number of rows changed (0 when they
 * were applied before).
 *
 * @example
 *   const moved = applyIdRenames(db, programs); // at start, before serving
 */
export function applyIdRenames(db: Db, programs: readonly Pick<CompiledProgram, 'id' | 'ids'>[]): number {
  // A part renamed onto a row that already exists: keep the completion, then drop the old row.
  const mergeState = db.prepare(`UPDATE section_states SET completed_at = COALESCE(completed_at,
      (SELECT o.completed_at FROM section_states o WHERE o.code_id = section_states.code_id AND o.section_id = @from))
    WHERE section_id = @to AND ${ofProgram}
      AND EXISTS (SELECT 1 FROM section_states o WHERE o.code_id = section_states.code_id AND o.section_id = @from)`);
  const dropMerged = db.prepare(`DELETE FROM section_states WHERE section_id = @from AND ${ofProgram}
      AND EXISTS (SELECT 1 FROM section_states o WHERE o.code_id = section_states.code_id AND o.section_id = @to)`);
  const moveState = db.prepare(`UPDATE section_states SET section_id = @to WHERE section_id = @from AND ${ofProgram}`);
  const moveEntrySection = db.prepare(`UPDATE entries SET section_id = @to WHERE section_id = @from AND ${ofProgram}`);
  const moveExercise = db.prepare(`UPDATE entries SET exercise_id = @to WHERE exercise_id = @from AND ${ofProgram}`);
  const entriesOf = db.prepare<{ program: string; exercise: string }, { id: number; values_json: string }>(`SELECT id, values_json FROM entries WHERE exercise_id = @exercise AND ${ofProgram}`);
  const setValues = db.prepare('UPDATE entries SET values_json = ? WHERE id = ?');
  const responsesOf = db.prepare<{ program: string; instrument: string }, { id: number; answers_json: string }>(`SELECT id, answers_json FROM responses WHERE instrument_id = @instrument AND ${ofProgram}`);
  const setAnswers = db.prepare('UPDATE responses SET answers_json = ? WHERE id = ?');
  const checkinsOf = db.prepare<{ program: string }, { id: number; ratings_json: string }>(`SELECT id, ratings_json FROM checkins WHERE ${ofProgram}`);
  const setRatings = db.prepare('UPDATE checkins SET ratings_json = ? WHERE id = ?');

  const apply = db.transaction(() => {
    let changed = 0;
    for (const program of programs) {
      const renames: readonly IdRename[] = program.ids?.renames ?? [];
      if (!renames.length) continue;
      const at = (r: IdRename) => ({ program: program.id, from: r.from, to: r.to });
      for (const r of renames.filter((x) => x.kind === 'section')) {
        mergeState.run(at(r));
        changed += dropMerged.run(at(r)).changes + moveState.run(at(r)).changes + moveEntrySection.run(at(r)).changes;
      }
      for (const r of renames.filter((x) => x.kind === 'exercise')) changed += moveExercise.run(at(r)).changes;
      const exercises = new Set(renames.flatMap((r) => ((r.kind === 'field' || r.kind === 'option') && r.exercise ? [r.exercise] : [])));
      for (const exercise of exercises) {
        for (const row of entriesOf.all({ program: program.id, exercise })) {
          const values = JSON.parse(row.values_json) as Record<string, unknown>;
          const next = JSON.stringify(renameEntryValues(values, renames, exercise));
          if (next !== row.values_json) changed += setValues.run(next, row.id).changes;
        }
      }
      const instruments = new Set(renames.flatMap((r) => (r.kind === 'item' && r.instrument ? [r.instrument] : [])));
      for (const instrument of instruments) {
        const rows = instrument === 'checkin'
          ? checkinsOf.all({ program: program.id }).map((r) => ({ id: r.id, json: r.ratings_json, set: setRatings }))
          : responsesOf.all({ program: program.id, instrument }).map((r) => ({ id: r.id, json: r.answers_json, set: setAnswers }));
        for (const row of rows) {
          const next = JSON.stringify(renameAnswers(JSON.parse(row.json) as Record<string, unknown>, renames, instrument));
          if (next !== row.json) changed += row.set.run(next, row.id).changes;
        }
      }
    }
    return changed;
  });
  return apply();
}
