/** Calendar feeds: one secret link per code, stored hashed. SQL lives only here. */
import type { Db } from '../db/open-database.ts';
import type { CodeRow } from './codes.ts';

/**
 * Prepared statements for calendar feeds.
 *
 * @example
 *   calendarStore(db).codeByToken(hashToken(token))
 */
export function calendarStore(db: Db) {
  const upsert = db.prepare('INSERT INTO calendar_feeds (code_id, token_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (code_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at');
  const remove = db.prepare('DELETE FROM calendar_feeds WHERE code_id = ?');
  const byToken = db.prepare<[string], CodeRow>(
    `SELECT codes.id, codes.ref, codes.hint, codes.org_id, codes.program_id, codes.created_at, codes.revoked_at, codes.erased_at
     FROM calendar_feeds JOIN codes ON codes.id = calendar_feeds.code_id
     WHERE calendar_feeds.token_hash = ? AND codes.revoked_at IS NULL AND codes.erased_at IS NULL`,
  );
  const has = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM calendar_feeds WHERE code_id = ?');
  return {
    /** Sets the feed of a code, replacing any earlier link. */
    set: (codeId: number, tokenHash: string, now: string) => void upsert.run(codeId, tokenHash, now),
    remove: (codeId: number) => remove.run(codeId).changes === 1,
    /** The live code a feed token belongs to; none for revoked or erased codes. */
    codeByToken: (tokenHash: string) => byToken.get(tokenHash),
    exists: (codeId: number) => (has.get(codeId)?.n ?? 0) > 0,
  };
}
