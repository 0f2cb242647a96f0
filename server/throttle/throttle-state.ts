/**
 * The state behind guess throttling and proof-of-work: failure counters and spent
 * challenges. Several server instances behind a load balancer must share it, so it sits
 * behind a small asynchronous interface; `memoryThrottleState` keeps it in this process
 * (the default, and enough for one instance), and a database-backed implementation can
 * take its place. Counter names are opaque strings built by the callers from HMACs:
 * never a client address, a username or a code.
 *
 * Counters are sliding windows approximated by two fixed ones: the count in the current
 * window plus the previous window's count weighted by how much of it still overlaps.
 * A store needs only (counter, windowMs, windowStart, count) rows for that.
 */

/** Shared throttle state. Every method is asynchronous so that it can live in a database. */
export interface ThrottleState {
  /** Adds one failure to `counter` in the fixed window of length `windowMs` that holds `at` (ms since the epoch). */
  recordFailure(counter: string, windowMs: number, at: number): Promise<void>;
  /** The failures of `counter` in the sliding window of length `windowMs` that ends at `at`. */
  recentFailures(counter: string, windowMs: number, at: number): Promise<number>;
  /** Marks the challenge `id` spent until `expiresAt`; resolves false when it was spent already. */
  spendChallenge(id: string, expiresAt: number, at: number): Promise<boolean>;
}

/** The weighted count of a sliding window from the counts of the current and the previous fixed window. */
export function slidingCount(current: number, previous: number, windowMs: number, at: number): number {
  const into = (at % windowMs) / windowMs;
  return current + previous * (1 - into);
}

/**
 * Throttle state in this process's memory. Counters and spent challenges are dropped once
 * they cannot matter any more; `maxCounters` bounds memory when many keys are used (the
 * oldest go first, which can only make a key's count smaller, never lock anyone out).
 *
 * @example
 *   const state = memoryThrottleState();
 *   await state.recordFailure('person:global', 15 * 60_000, Date.now());
 */
export function memoryThrottleState(options: { maxCounters?: number } = {}): ThrottleState {
  const maxCounters = options.maxCounters ?? 200_000;
  /** `${windowMs} ${counter}` -> counts by window start. */
  const counters = new Map<string, Map<number, number>>();
  const spent = new Map<string, number>();
  let prunedAt = 0;

  const prune = (at: number) => {
    if (at - prunedAt < 10_000 && counters.size <= maxCounters) return;
    prunedAt = at;
    for (const [name, windows] of counters) {
      const windowMs = Number(name.slice(0, name.indexOf(' ')));
      for (const start of windows.keys()) if (start < at - 2 * windowMs) windows.delete(start);
      if (!windows.size) counters.delete(name);
    }
    for (const name of counters.keys()) {
      if (counters.size <= maxCounters) break;
      counters.delete(name);
    }
    for (const [id, expiresAt] of spent) if (expiresAt <= at) spent.delete(id);
  };

  return {
    async recordFailure(counter, windowMs, at) {
      prune(at);
      const name = `${windowMs} ${counter}`;
      const start = at - (at % windowMs);
      const windows = counters.get(name) ?? new Map<number, number>();
      windows.set(start, (windows.get(start) ?? 0) + 1);
      // Re-inserted so that the most recently failing counters are the last to be dropped.
      counters.delete(name);
      counters.set(name, windows);
    },
    async recentFailures(counter, windowMs, at) {
      const windows = counters.get(`${windowMs} ${counter}`);
      if (!windows) return 0;
      const start = at - (at % windowMs);
      return slidingCount(windows.get(start) ?? 0, windows.get(start - windowMs) ?? 0, windowMs, at);
    },
    async spendChallenge(id, expiresAt, at) {
      prune(at);
      const until = spent.get(id);
      if (until !== undefined && until > at) return false;
      spent.set(id, expiresAt);
      return true;
    },
  };
}
