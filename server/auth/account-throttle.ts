/**
 * Throttles failed staff logins per account (password and second factor), in memory only.
 * Accounts are keyed by an HMAC under a key that never leaves memory; no address is used
 * or kept. Several windows apply at once (for example 5 per 15 minutes and 20 per day),
 * and the map is pruned so that guessing many usernames cannot grow it without bound.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface AccountLimit {
  max: number;
  windowMs: number;
}

/** Failed logins allowed per account: 10 per 15 minutes and 30 per day. */
export const passwordLimits: AccountLimit[] = [{ max: 10, windowMs: 15 * 60_000 }, { max: 30, windowMs: 24 * 3_600_000 }];
/** Failed second-factor codes allowed per account: 5 per 15 minutes and 20 per day. */
export const secondFactorLimits: AccountLimit[] = [{ max: 5, windowMs: 15 * 60_000 }, { max: 20, windowMs: 24 * 3_600_000 }];

const maxBuckets = 50_000;

/**
 * A per-account throttle.
 *
 * @example
 *   const throttle = createAccountThrottle({ now: () => clock.now(), limits: secondFactorLimits });
 *   if (throttle.retryAfter('staff:3')) ...; throttle.fail('staff:3');
 */
export function createAccountThrottle(options: { now: () => Date; limits: AccountLimit[] }) {
  const { limits } = options;
  const longest = Math.max(...limits.map((l) => l.windowMs));
  const key = randomBytes(32);
  const failures = new Map<string, number[]>();
  const bucket = (account: string) => createHmac('sha256', key).update(account).digest('base64url');
  const recent = (id: string, now: number) => (failures.get(id) ?? []).filter((t) => now - t < longest);
  const prune = (now: number) => {
    for (const [id, times] of failures) if (!times.some((t) => now - t < longest)) failures.delete(id);
    // Still too many: drop the oldest buckets (insertion order); the windows then restart for them.
    for (const id of failures.keys()) {
      if (failures.size <= maxBuckets) break;
      failures.delete(id);
    }
  };
  return {
    /** Seconds to wait before `account` may try again, or 0. */
    retryAfter(account: string): number {
      const now = options.now().getTime();
      const times = recent(bucket(account), now);
      let wait = 0;
      for (const { max, windowMs } of limits) {
        const inWindow = times.filter((t) => now - t < windowMs);
        if (inWindow.length >= max) wait = Math.max(wait, Math.ceil((inWindow[inWindow.length - max]! + windowMs - now) / 1000));
      }
      return wait > 0 ? Math.max(1, wait) : 0;
    },
    /** Counts a failure against `account`. */
    fail(account: string): void {
      const now = options.now().getTime();
      const id = bucket(account);
      failures.set(id, [...recent(id, now), now]);
      if (failures.size > maxBuckets) prune(now);
    },
  };
}
export type AccountThrottle = ReturnType<typeof createAccountThrottle>;
