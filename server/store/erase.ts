/**
 * Erasure: everything stored for a code goes, in one transaction. The code row stays as
 * a tombstone (ref, hint, program, dates) so the licence count and staff list stay
 * truthful, and so that the code can never log in again.
 *
 * Deleting is not enough for "no byte left": secure_delete overwrites the rows in the
 * database pages, but the write-ahead log still holds earlier copies of those pages (and
 * SQLite reuses the WAL file from its start, leaving old frames behind its end). So the
 * erasure ends with a checkpoint that copies the log into the database and truncates the
 * log to zero bytes, before the erasure is acknowledged.
 */
import type { Db } from '../db/open-database.ts';

/**
 * Erases every row that belongs to `codeId`, marks the code erased, and empties the
 * write-ahead log. Throws when the log cannot be emptied (another connection is reading);
 * the rows are gone by then, and the next erasure or start empties it.
 *
 * @example
 *   eraseCode(db, codeId, clock.now().toISOString());
 */
export function eraseCode(db: Db, codeId: number, now: string): void {
  const tables = ['person_sessions', 'consents', 'section_states', 'entries', 'responses', 'checkins', 'appointments', 'calendar_feeds'];
  const statements = tables.map((t) => db.prepare(`DELETE FROM ${t} WHERE code_id = ?`));
  const mark = db.prepare('UPDATE codes SET erased_at = ? WHERE id = ?');
  db.transaction(() => {
    for (const s of statements) s.run(codeId);
    mark.run(now, codeId);
  })();
  emptyWriteAheadLog(db);
}

/**
 * Copies the write-ahead log into the database and truncates it to zero bytes (waiting
 * for readers up to the busy timeout). Throws SQLITE_BUSY when it could not.
 */
export function emptyWriteAheadLog(db: Db): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (result && result.busy !== 0) throw Object.assign(new Error('the write-ahead log could not be emptied'), { code: 'SQLITE_BUSY' });
}
