/**
 * Small-cell suppression for aggregate reports. A count from 1 to k-1 could point at a
 * few people, so it is hidden (primary suppression). A hidden count must also not be
 * recoverable by subtraction from what is still shown (secondary suppression):
 *
 * - a sum (`total = part + part + ...`, all reported) with exactly one hidden member
 *   would give that member away, so one more member is hidden: the total when a part is
 *   hidden, else the smallest non-zero part;
 * - a chain (a funnel: `base >= step1 >= step2 ...`) shows how many were lost between
 *   neighbours; a loss from 1 to k-1 between a step and the last shown one before it is
 *   a small cell too, so that step is hidden.
 *
 * 0 is never hidden: it says nobody, which points at no one.
 */

/** How the counts of a report hang together, by path. */
export interface CountRelations {
  /** Exact sums of reported counts. */
  sums?: readonly { total: string; parts: readonly string[] }[];
  /** Ordered paths whose neighbours' differences are people lost between them. */
  chains?: readonly (readonly string[])[];
}

const small = (n: number, k: number) => n >= 1 && n < k;

/**
 * The paths of `counts` to hide for anonymity at `k`.
 *
 * @example
 *   suppressedPaths(new Map([['a', 12], ['b', 9], ['c', 3]]), 5, { sums: [{ total: 'a', parts: ['b', 'c'] }] })
 *   // Set { 'c', 'a' }
 */
export function suppressedPaths(counts: ReadonlyMap<string, number>, k: number, relations: CountRelations = {}): Set<string> {
  const value = (path: string) => {
    const n = counts.get(path);
    if (n === undefined) throw new Error(`Unknown count '${path}' in a relation`);
    return n;
  };
  const hidden = new Set([...counts].filter(([, n]) => small(n, k)).map(([path]) => path));
  for (let changed = true; changed;) {
    changed = false;
    const hide = (path: string) => {
      if (!hidden.has(path)) {
        hidden.add(path);
        changed = true;
      }
    };
    for (const { total, parts } of relations.sums ?? []) {
      const members = [total, ...parts];
      const hiddenMembers = members.filter((p) => hidden.has(p));
      if (hiddenMembers.length !== 1) continue;
      if (hiddenMembers[0] !== total) {
        hide(total);
        continue;
      }
      const shown = parts.filter((p) => !hidden.has(p) && value(p) > 0).sort((a, b) => value(a) - value(b));
      if (shown[0]) hide(shown[0]);
    }
    for (const chain of relations.chains ?? []) {
      let last: number | undefined;
      for (const path of chain) {
        if (hidden.has(path)) continue;
        const n = value(path);
        if (last !== undefined && small(Math.abs(last - n), k)) hide(path);
        else last = n;
      }
    }
  }
  return hidden;
}
