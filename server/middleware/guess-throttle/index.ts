/**
 * Throttles failed code and password guesses without storing addresses. Buckets live
 * in memory only, keyed by an HMAC of the client address under a key that is itself
 * held only in memory and replaced every hour (the buckets go with it). A global budget
 * of failures caps guessing spread over many addresses. Nothing here is written anywhere.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { apiError } from '../../errors.ts';

export interface ThrottleOptions {
  now: () => Date;
  /** Failures allowed per address bucket per window (default 10). */
  perAddress?: number;
  /** Failures allowed in total per window (default 1000). */
  global?: number;
  /** Window length in ms (default 15 minutes). */
  windowMs?: number;
  /** How often the bucket key is replaced, in ms (default 1 hour). */
  rotateMs?: number;
}

/**
 * An in-memory guess throttle.
 *
 * @example
 *   const throttle = createGuessThrottle({ now: () => new Date() });
 *   const key = throttle.keyFor('127.0.0.1'); if (throttle.retryAfter(key)) ...; throttle.fail(key);
 */
export function createGuessThrottle(options: ThrottleOptions) {
  const perAddress = options.perAddress ?? 10;
  const global = options.global ?? 1000;
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const rotateMs = options.rotateMs ?? 60 * 60 * 1000;
  let key = randomBytes(32);
  let rotatedAt = options.now().getTime();
  let buckets = new Map<string, number[]>();
  let globalFailures: number[] = [];

  const tick = () => {
    const now = options.now().getTime();
    if (now - rotatedAt >= rotateMs) {
      key = randomBytes(32);
      rotatedAt = now;
      buckets = new Map();
    }
    globalFailures = globalFailures.filter((t) => now - t < windowMs);
    return now;
  };
  const recent = (bucket: string, now: number) => (buckets.get(bucket) ?? []).filter((t) => now - t < windowMs);

  return {
    /** The bucket of an address: an HMAC under the current in-memory key. */
    keyFor(address: string | undefined): string {
      tick();
      return createHmac('sha256', key).update(address ?? 'unknown').digest('base64url');
    },
    /** Seconds to wait before the next guess, or 0 when guessing is allowed. */
    retryAfter(bucket: string): number {
      const now = tick();
      const mine = recent(bucket, now);
      if (globalFailures.length >= global) return Math.max(1, Math.ceil((globalFailures[0]! + windowMs - now) / 1000));
      if (mine.length >= perAddress) return Math.max(1, Math.ceil((mine[0]! + windowMs - now) / 1000));
      return 0;
    },
    /** Counts a failed guess. */
    fail(bucket: string): void {
      const now = tick();
      buckets.set(bucket, [...recent(bucket, now), now]);
      globalFailures.push(now);
    },
  };
}
export type GuessThrottle = ReturnType<typeof createGuessThrottle>;

/** Reads the client address for throttling only (injectable for tests). */
export type AddressOf = (c: Context) => string | undefined;

/**
 * Answers 429 with Retry-After when the caller's bucket (or the global budget) is spent;
 * otherwise leaves the bucket key for the route in `c.get('guessKey')`.
 */
export const guessThrottle = (throttle: GuessThrottle, addressOf: AddressOf): MiddlewareHandler<AppEnv> => async (c, next) => {
  const bucket = throttle.keyFor(addressOf(c));
  const wait = throttle.retryAfter(bucket);
  if (wait > 0) throw apiError('too_many_requests', undefined, {}, { 'Retry-After': String(wait) });
  c.set('guessKey', bucket);
  await next();
};
