/**
 * The time-driven jobs (the questionnaire.due scan, the expired-session sweep) run in the
 * webhook worker's poll, the server's one timer, which ticks every second: each job is
 * wrapped to run at most every so often.
 */
import type { Clock } from './clock.ts';

/**
 * A poll step that runs `job` on its first call and then at most once every `everyMs`.
 *
 * @example
 *   const sweep = atMostEvery(clock, 60 * 60_000, (now) => deleteExpiredSessions(stores, now));
 */
export function atMostEvery(clock: Clock, everyMs: number, job: (now: Date) => Promise<unknown>): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    const now = clock.now();
    if (now.getTime() - last < everyMs) return;
    last = now.getTime();
    await job(now);
  };
}
