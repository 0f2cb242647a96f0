/** The clock the app reads time from; tests pass one they control. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock for tests that only moves when told.
 *
 * @example
 *   const clock = manualClock('2025-01-06T09:00:00Z'); clock.advance({ days: 1 });
 */
export function manualClock(start: string | Date) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at: string | Date) {
      current = new Date(at);
    },
    advance({ days = 0, hours = 0, minutes = 0, seconds = 0 }: { days?: number; hours?: number; minutes?: number; seconds?: number }) {
      current = new Date(current.getTime() + ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000);
    },
  };
}
