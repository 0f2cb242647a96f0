/**
 * Throttles wrong second-factor codes per staff account (a session that already passed
 * the password, so never an anonymous caller). Counters live in the shared throttle
 * state, keyed by an HMAC of the account under the throttle key; no address is used.
 * Several windows apply at once (5 per 15 minutes and 20 per day).
 */
import { createHmac } from 'node:crypto';
import type { ThrottleState } from '../throttle/throttle-state.ts';

export interface AccountLimit {
  max: number;
  windowMs: number;
}

/** Failed second-factor codes allowed per account: 5 per 15 minutes and 20 per day. */
export const secondFactorLimits: AccountLimit[] = [{ max: 5, windowMs: 15 * 60_000 }, { max: 20, windowMs: 24 * 3_600_000 }];

export interface AccountThrottle {
  /** Seconds to wait before `account` may try again, or 0. */
  retryAfter(account: string): Promise<number>;
  /** Counts a failure against `account`. */
  fail(account: string): Promise<void>;
}

/**
 * A per-account throttle over the shared state.
 *
 * @example
 *   const throttle = createAccountThrottle({ now: () => clock.now(), limits: secondFactorLimits, state, key: secrets.throttleKey });
 *   if (await throttle.retryAfter('staff:3')) ...; await throttle.fail('staff:3');
 */
export function createAccountThrottle(options: { now: () => Date; limits: AccountLimit[]; state: ThrottleState; key: Buffer }): AccountThrottle {
  const { limits, state } = options;
  const counter = (account: string) => `second-factor:${createHmac('sha256', options.key).update(`second-factor:${account}`).digest('base64url')}`;
  return {
    async retryAfter(account) {
      const at = options.now().getTime();
      let wait = 0;
      for (const { max, windowMs } of limits) {
        const failures = await state.recentFailures(counter(account), windowMs, at);
        // The sliding count falls below `max` after the current fixed window ends and the
        // previous one's weight has shrunk enough; counting from the estimate overshoots a little.
        if (failures >= max) wait = Math.max(wait, windowMs - (at % windowMs) + windowMs * (1 - max / failures) + 1000);
      }
      return Math.ceil(wait / 1000);
    },
    async fail(account) {
      const at = options.now().getTime();
      await Promise.all(limits.map(({ windowMs }) => state.recordFailure(counter(account), windowMs, at)));
    },
  };
}
