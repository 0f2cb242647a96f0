/**
 * The throttle state (server/throttle/throttle-state.ts) in the database, so that several
 * instances behind one load balancer count failures and spend challenges together. Rows
 * that can no longer matter are deleted about once a minute.
 */
import type { Executor } from './executor.ts';
import type { ThrottleState } from '../throttle/throttle-state.ts';
import { slidingCount } from '../throttle/throttle-state.ts';

/**
 * @example
 *   const state = databaseThrottleState(rootExecutor);
 */
export function databaseThrottleState(x: Executor): ThrottleState {
  let prunedAt = 0;
  const prune = async (at: number) => {
    if (at - prunedAt < 60_000) return;
    prunedAt = at;
    await x.write(async (db) => {
      await db.deleteFrom('throttle_counters').where((eb) => eb(eb('window_start', '+', eb('window_ms', '*', 2)), '<', at)).execute();
      await db.deleteFrom('spent_challenges').where('expires_at', '<=', at).execute();
    });
  };
  return {
    async recordFailure(counter, windowMs, at) {
      await prune(at);
      const start = at - (at % windowMs);
      await x.write(async (db) => {
        await db.insertInto('throttle_counters').values({ counter, window_ms: windowMs, window_start: start, count: 1 })
          .onConflict((oc) => oc.columns(['counter', 'window_ms', 'window_start']).doUpdateSet((eb) => ({ count: eb('throttle_counters.count', '+', 1) })))
          .execute();
      });
    },
    async recentFailures(counter, windowMs, at) {
      const start = at - (at % windowMs);
      const rows = await x.db.selectFrom('throttle_counters').select(['window_start', 'count'])
        .where('counter', '=', counter).where('window_ms', '=', windowMs).where('window_start', 'in', [start, start - windowMs]).execute();
      const countOf = (s: number) => rows.find((r) => Number(r.window_start) === s)?.count ?? 0;
      return slidingCount(countOf(start), countOf(start - windowMs), windowMs, at);
    },
    async spendChallenge(id, expiresAt, at) {
      await prune(at);
      return x.write(async (db) => {
        const result = await db.insertInto('spent_challenges').values({ id, expires_at: expiresAt })
          .onConflict((oc) => oc.column('id').doUpdateSet({ expires_at: expiresAt }).where('spent_challenges.expires_at', '<=', at))
          .executeTakeFirst();
        return result.numInsertedOrUpdatedRows === 1n;
      });
    },
  };
}
