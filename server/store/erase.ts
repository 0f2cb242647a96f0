/**
 * Erasure: everything stored for a code goes, in one transaction. The code row stays as
 * a tombstone (ref, hint, program, dates) so the licence count and staff list stay
 * truthful, and so that the code can never log in again.
 */
import type { Db } from '../db/open-database.ts';

/**
 * Erases every row that belongs to `codeId` and marks the code erased.
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
}
