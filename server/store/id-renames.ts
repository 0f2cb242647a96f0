/**
 * Moves stored progress to renamed ids at start: a program's `ids.renames` (compiled
 * from the manifest's `renamed:` map by the engine's idRenames) applied to the rows of
 * the codes of that program. Parts: section_states.section_id and entries.section_id;
 * exercises: entries.exercise_id; fields and options: the keys and values in
 * entries.values_json; items: the keys of responses.answers_json (and of
 * checkins.ratings_json for the check-in). Run in one transaction; running it again
 * changes nothing, since an old id is never used again (validate enforces it).
 */
import type { Executor, Db } from './executor.ts';
import type { CompiledProgram, IdRename } from '../../schemas/types.ts';
import { renameAnswers, renameEntryValues } from '../../engine/ids/id-renames.ts';

type Renamable = Pick<CompiledProgram, 'id' | 'ids'>;

async function applyTo(db: Db, program: Renamable): Promise<number> {
  const renames: readonly IdRename[] = program.ids?.renames ?? [];
  if (!renames.length) return 0;
  const codes = db.selectFrom('codes').select('id').where('program_id', '=', program.id);
  let changed = 0;
  const count = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
  for (const r of renames.filter((x) => x.kind === 'section')) {
    // A part renamed onto a row that already exists: keep the completion, then drop the old row.
    const both = await db.selectFrom('section_states as n').innerJoin('section_states as o', (j) => j.onRef('o.code_id', '=', 'n.code_id'))
      .select(['n.code_id', 'n.completed_at as newCompleted', 'o.completed_at as oldCompleted'])
      .where('n.section_id', '=', r.to).where('o.section_id', '=', r.from).where('n.code_id', 'in', codes).execute();
    for (const row of both) {
      if (!row.newCompleted && row.oldCompleted) {
        await db.updateTable('section_states').set({ completed_at: row.oldCompleted }).where('code_id', '=', row.code_id).where('section_id', '=', r.to).execute();
      }
      changed += count(await db.deleteFrom('section_states').where('code_id', '=', row.code_id).where('section_id', '=', r.from).executeTakeFirst());
    }
    changed += count(await db.updateTable('section_states').set({ section_id: r.to }).where('section_id', '=', r.from).where('code_id', 'in', codes).executeTakeFirst());
    changed += count(await db.updateTable('entries').set({ section_id: r.to }).where('section_id', '=', r.from).where('code_id', 'in', codes).executeTakeFirst());
  }
  for (const r of renames.filter((x) => x.kind === 'exercise')) {
    changed += count(await db.updateTable('entries').set({ exercise_id: r.to }).where('exercise_id', '=', r.from).where('code_id', 'in', codes).executeTakeFirst());
  }
  const exercises = new Set(renames.flatMap((r) => ((r.kind === 'field' || r.kind === 'option') && r.exercise ? [r.exercise] : [])));
  for (const exercise of exercises) {
    const rows = await db.selectFrom('entries').select(['id', 'values_json']).where('exercise_id', '=', exercise).where('code_id', 'in', codes).execute();
    for (const row of rows) {
      const next = JSON.stringify(renameEntryValues(JSON.parse(row.values_json) as Record<string, unknown>, renames, exercise));
      if (next !== row.values_json) changed += count(await db.updateTable('entries').set({ values_json: next }).where('id', '=', row.id).executeTakeFirst());
    }
  }
  const instruments = new Set(renames.flatMap((r) => (r.kind === 'item' && r.instrument ? [r.instrument] : [])));
  for (const instrument of instruments) {
    if (instrument === 'checkin') {
      for (const row of await db.selectFrom('checkins').select(['id', 'ratings_json']).where('code_id', 'in', codes).execute()) {
        const next = JSON.stringify(renameAnswers(JSON.parse(row.ratings_json) as Record<string, unknown>, renames, instrument));
        if (next !== row.ratings_json) changed += count(await db.updateTable('checkins').set({ ratings_json: next }).where('id', '=', row.id).executeTakeFirst());
      }
    } else {
      for (const row of await db.selectFrom('responses').select(['id', 'answers_json']).where('instrument_id', '=', instrument).where('code_id', 'in', codes).execute()) {
        const next = JSON.stringify(renameAnswers(JSON.parse(row.answers_json) as Record<string, unknown>, renames, instrument));
        if (next !== row.answers_json) changed += count(await db.updateTable('responses').set({ answers_json: next }).where('id', '=', row.id).executeTakeFirst());
      }
    }
  }
  return changed;
}

/**
 * @example
 *   const moved = await idRenameStore(x).apply(programs); // at start, before serving
 */
export function idRenameStore(x: Executor) {
  return {
    /** Applies every program's renames in one transaction; the number of rows changed (0 when applied before). */
    apply: (programs: readonly Renamable[]) =>
      x.write(async (db) => {
        let changed = 0;
        for (const program of programs) changed += await applyTo(db, program);
        return changed;
      }),
  };
}
