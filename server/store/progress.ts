/**
 * What a person has done: opened and completed parts, exercise entries, questionnaire
 * responses and check-ins. Each row keeps the program version it was made under;
 * answers stay keyed by the program's permanent ids. SQL lives only here.
 */
import type { Db } from '../db/open-database.ts';

export interface SectionStateRow { section_id: string; opened_at: string; opened_by: 'progress' | 'staff'; opened_reason: string | null; completed_at: string | null; program_version: string }
export interface EntryRow { id: number; ref: string; exercise_id: string; section_id: string; values_json: string; program_version: string; created_at: string; updated_at: string }
export interface ResponseRow { ref: string; instrument_id: string; answers_json: string; score_json: string; program_version: string; created_at: string }
export interface CheckinRow { ref: string; ratings_json: string; program_version: string; created_at: string }

/**
 * Prepared statements for a person's progress.
 *
 * @example
 *   const progress = progressStore(db); progress.entries(codeId);
 */
export function progressStore(db: Db) {
  const states = db.prepare<[number], SectionStateRow>('SELECT section_id, opened_at, opened_by, opened_reason, completed_at, program_version FROM section_states WHERE code_id = ?');
  const open = db.prepare(
    `INSERT INTO section_states (code_id, section_id, opened_at, opened_by, opened_by_staff, opened_reason, program_version)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code_id, section_id) DO NOTHING`,
  );
  const complete = db.prepare('UPDATE section_states SET completed_at = ? WHERE code_id = ? AND section_id = ? AND completed_at IS NULL');
  const insertEntry = db.prepare(
    'INSERT INTO entries (ref, code_id, exercise_id, section_id, values_json, program_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const entries = db.prepare<[number], EntryRow>('SELECT * FROM entries WHERE code_id = ? ORDER BY id');
  const entriesSince = db.prepare<[number, string], EntryRow>('SELECT * FROM entries WHERE code_id = ? AND updated_at >= ? ORDER BY id');
  const entry = db.prepare<[number, string], EntryRow>('SELECT * FROM entries WHERE code_id = ? AND ref = ?');
  const updateEntry = db.prepare('UPDATE entries SET values_json = ?, program_version = ?, updated_at = ? WHERE code_id = ? AND ref = ?');
  const deleteEntry = db.prepare('DELETE FROM entries WHERE code_id = ? AND ref = ?');
  const insertResponse = db.prepare(
    'INSERT INTO responses (ref, code_id, instrument_id, answers_json, score_json, program_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const responses = db.prepare<[number], ResponseRow>('SELECT ref, instrument_id, answers_json, score_json, program_version, created_at FROM responses WHERE code_id = ? ORDER BY id');
  const insertCheckin = db.prepare('INSERT INTO checkins (ref, code_id, ratings_json, program_version, created_at) VALUES (?, ?, ?, ?, ?)');
  const checkins = db.prepare<[number], CheckinRow>('SELECT ref, ratings_json, program_version, created_at FROM checkins WHERE code_id = ? ORDER BY id');
  return {
    sectionStates: (codeId: number) => states.all(codeId),
    open(codeId: number, sectionId: string, now: string, version: string, by: { staffId: number; reason: string } | null) {
      return open.run(codeId, sectionId, now, by ? 'staff' : 'progress', by?.staffId ?? null, by?.reason ?? null, version).changes === 1;
    },
    complete: (codeId: number, sectionId: string, now: string) => void complete.run(now, codeId, sectionId),
    addEntry(codeId: number, row: { ref: string; exerciseId: string; sectionId: string; values: unknown; version: string; now: string }) {
      insertEntry.run(row.ref, codeId, row.exerciseId, row.sectionId, JSON.stringify(row.values), row.version, row.now, row.now);
    },
    entries: (codeId: number) => entries.all(codeId),
    entriesSince: (codeId: number, since: string) => entriesSince.all(codeId, since),
    entry: (codeId: number, ref: string) => entry.get(codeId, ref),
    updateEntry: (codeId: number, ref: string, values: unknown, version: string, now: string) =>
      updateEntry.run(JSON.stringify(values), version, now, codeId, ref).changes === 1,
    deleteEntry: (codeId: number, ref: string) => deleteEntry.run(codeId, ref).changes === 1,
    addResponse(codeId: number, row: { ref: string; instrumentId: string; answers: unknown; score: unknown; version: string; now: string }) {
      insertResponse.run(row.ref, codeId, row.instrumentId, JSON.stringify(row.answers), JSON.stringify(row.score), row.version, row.now);
    },
    responses: (codeId: number) => responses.all(codeId),
    addCheckin: (codeId: number, ref: string, ratings: unknown, version: string, now: string) =>
      void insertCheckin.run(ref, codeId, JSON.stringify(ratings), version, now),
    checkins: (codeId: number) => checkins.all(codeId),
  };
}
export type ProgressStore = ReturnType<typeof progressStore>;
