/** The one statement that deletes a page of expired sessions, for person and staff sessions alike. */
import type { Executor } from './executor.ts';

/**
 * Deletes up to `limit` rows of `table` expired by `now`; returns how many it deleted. On
 * PostgreSQL rows another instance's sweep is deleting are skipped, not waited for (two
 * deletes locking the same rows in different orders could deadlock).
 */
export function deleteExpiredSessions(x: Executor, table: 'person_sessions' | 'staff_sessions', now: string, limit: number): Promise<number> {
  return x.writeOne(async (db) => {
    let expired = db.selectFrom(table).select('token_hash').where('expires_at', '<=', now).limit(limit);
    if (x.dialect === 'postgres') expired = expired.forUpdate().skipLocked();
    const result = await db.deleteFrom(table).where('token_hash', 'in', expired).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
