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
 * write-ahead log. Returns false when the log could not be emptied within the busy
 * timeout because another connection (a running backup) still reads it: the rows are
 * gone, and the caller empties the log as soon as it can (see emptyWriteAheadLog).
 *
 * @example
 *   if (!eraseCode(db, codeId, clock.now().toISOString())) retryLater(() => emptyWriteAheadLog(db));
 */
export function eraseCode(db: Db, codeId: number, now: string): boolean {
  const tables = ['person_sessions', 'consents', 'section_states', 'entries', 'responses', 'checkins', 'appointments', 'calendar_feeds'];
  const statements = tables.map((t) => db.prepare(`DELETE FROM ${t} WHERE code_id = ?`));
  const mark = db.prepare('UPDATE codes SET erased_at = ? WHERE id = ?');
  db.transaction(() => {
    for (const s of statements) s.run(codeId);
    mark.run(now, codeId);
  })();
  return emptyWriteAheadLog(db);
}

/**
 * Copies the write-ahead log into the database and truncates it to zero bytes (waiting
 * for readers up to the busy timeout); false when a reader kept it from finishing.
 */
export function emptyWriteAheadLog(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return !result || result.busy === 0;
}
