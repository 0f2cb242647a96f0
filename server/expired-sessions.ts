/**
 * Expired sessions are deleted, not only refused. A session row holds when a code (or a
 * staff account) logged in; once it has expired it serves no one, and keeping it would
 * keep a record of the person's logins for as long as the database lives, and grow the
 * table with every login.
 *
 * The sweep runs in the server process beside the requests, like the questionnaire.due
 * scan: a page of sessions per statement, each a write of its own, so requests are served
 * between pages (on SQLite a write waits for its group commit, which lets the event loop turn).
 */
import type { Clock } from './clock.ts';
import type { Stores } from './store/index.ts';
import { atMostEvery } from './at-most-every.ts';

/** Sessions deleted per statement. */
export const sweepPageSize = 500;

/**
 * Deletes every person and staff session expired by `now`; returns how many.
 *
 * @example
 *   await deleteExpiredSessions(stores, new Date());
 */
export async function deleteExpiredSessions(stores: Stores, now: Date, pageSize = sweepPageSize): Promise<number> {
  const at = now.toISOString();
  let deleted = 0;
  for (const sweep of [stores.codes.deleteExpiredSessions, stores.staff.deleteExpiredSessions]) {
    for (;;) {
      const page = await sweep(at, pageSize);
      deleted += page;
      if (page < pageSize) break;
    }
  }
  return deleted;
}

/**
 * A step for the webhook worker's poll (the server's one timer) that deletes expired
 * sessions at most every `everyMs`.
 *
 * @example
 *   const sweep = expiredSessionsTimer({ stores, clock, everyMs: 60 * 60_000 });
 */
export function expiredSessionsTimer(options: { stores: Stores; clock: Clock; everyMs: number }): () => Promise<void> {
  return atMostEvery(options.clock, options.everyMs, (now) => deleteExpiredSessions(options.stores, now));
}
