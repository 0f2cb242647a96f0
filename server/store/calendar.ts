/** Calendar feeds: one secret link per code, stored hashed. */
import type { Executor } from './executor.ts';
import type { CodeRow } from './codes.ts';

/**
 * Calendar feeds.
 *
 * @example
 *   await calendarStore(x).codeByToken(hashToken(token))
 */
export function calendarStore(x: Executor) {
  return {
    /** Sets the feed of a code, replacing any earlier link. */
    set: (codeId: number, tokenHash: string, now: string) =>
      x.write(async (db) => {
        await db.insertInto('calendar_feeds').values({ code_id: codeId, token_hash: tokenHash, created_at: now })
          .onConflict((oc) => oc.column('code_id').doUpdateSet((eb) => ({ token_hash: eb.ref('excluded.token_hash'), created_at: eb.ref('excluded.created_at') })))
          .execute();
      }),
    remove: (codeId: number) =>
      x.write(async (db) => {
        const result = await db.deleteFrom('calendar_feeds').where('code_id', '=', codeId).executeTakeFirst();
        return result.numDeletedRows === 1n;
      }),
    /** The live code a feed token belongs to; none for revoked or erased codes. */
    codeByToken: (tokenHash: string): Promise<CodeRow | undefined> =>
      x.db.selectFrom('calendar_feeds').innerJoin('codes', 'codes.id', 'calendar_feeds.code_id')
        .select(['codes.id', 'codes.ref', 'codes.hint', 'codes.org_id', 'codes.program_id', 'codes.created_at', 'codes.revoked_at', 'codes.erased_at', 'codes.locale', 'codes.group_id', 'codes.stopped_at'])
        .where('calendar_feeds.token_hash', '=', tokenHash).where('codes.revoked_at', 'is', null).where('codes.erased_at', 'is', null)
        .executeTakeFirst(),
    async exists(codeId: number): Promise<boolean> {
      return (await x.db.selectFrom('calendar_feeds').select('code_id').where('code_id', '=', codeId).executeTakeFirst()) !== undefined;
    },
  };
}
export type CalendarStore = ReturnType<typeof calendarStore>;
