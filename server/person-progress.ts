/**
 * Reads one person's progress from the stores into the engine's ProgressSnapshot,
 * computes part states, and stores parts that open now: a part once open stays open.
 */
import type { CompiledProgram, CompiledSection, CompiledExercise } from '../schemas/types.ts';
import { sectionStates, type ProgressSnapshot, type SectionStatus } from '../engine/progress/index.ts';
import type { Stores, TableStores } from './store/index.ts';
import type { CodeRow } from './store/codes.ts';
import type { SnapshotRow } from './store/progress.ts';
import type { GroupRow } from './store/groups.ts';
import { groupSchedule } from './groups.ts';

/** The snapshot of a code's progress. */
export async function readSnapshot(stores: TableStores, codeId: number): Promise<ProgressSnapshot> {
  // One statement (store/progress.ts, snapshotRows); counts and times only, never the
  // entries' values, the answers or the ratings.
  return snapshotFrom(await stores.progress.snapshotRows(codeId));
}

/** The snapshot that the rows of store/progress.ts's snapshot statement describe. */
export function snapshotFrom(rows: readonly SnapshotRow[]): ProgressSnapshot {
  // Keyed by authored ids, which may be prototype names such as `constructor`: no prototype.
  const snapshot: ProgressSnapshot = { sections: Object.create(null), entryCounts: Object.create(null), responses: [], checkins: [] };
  for (const row of rows) {
    if (row.kind === 0) snapshot.sections[row.key] = { openedAt: row.at, completedAt: row.done };
    else if (row.kind === 1) {
      snapshot.entryCounts[row.key] = Number(row.n);
      if (!snapshot.lastEntryAt || row.at > snapshot.lastEntryAt) snapshot.lastEntryAt = row.at;
    } else if (row.kind === 2) snapshot.responses.push({ instrument: row.key, at: row.at });
    else snapshot.checkins.push({ at: row.at });
  }
  return snapshot;
}

/**
 * Part states for `code` at `now`, storing any part that opens now. A code in a group
 * follows the group's schedule too (dates in `timeZone`); the group is read once and
 * returned (GET /v1/me shows its next meeting). `read` is the snapshot when the caller
 * has just read it (GET /v1/me reads it with the consent and the next appointment).
 *
 * @example
 *   const { states } = await syncProgress(stores, program, code, clock.now());
 */
export async function syncProgress(stores: Stores, program: CompiledProgram, code: CodeRow, now: Date, timeZone = 'Europe/Oslo', read?: ProgressSnapshot): Promise<{ snapshot: ProgressSnapshot; states: SectionStatus[]; group: GroupRow | undefined }> {
  const group = code.group_id === null ? undefined : await stores.groups.byId(code.group_id);
  const schedule = groupSchedule(program, group, timeZone);
  let snapshot = read ?? await readSnapshot(stores, code.id);
  let states = sectionStates(program, snapshot, now, schedule);
  const opening = states.filter((s) => s.opensNow);
  if (opening.length) {
    const at = now.toISOString();
    await stores.transaction(async (tx) => {
      for (const s of opening) await tx.progress.open(code.id, s.id, at, program.version, null);
    });
    snapshot = await readSnapshot(stores, code.id);
    states = sectionStates(program, snapshot, now, schedule);
  }
  return { snapshot, states, group };
}

/** The exercise with `id` and the part it is in. */
export function findExercise(program: CompiledProgram, id: string): { section: CompiledSection; exercise: CompiledExercise } | undefined {
  for (const section of program.sections) {
    for (const block of section.blocks) if (block.type === 'exercise' && block.id === id) return { section, exercise: block };
  }
  return undefined;
}
