/**
 * The flags a professional follows up: the score's own flags (a risk answer, an
 * unanswered risk question) and worsening by a reliable change (a total at least the
 * instrument's reliable-change threshold above the person's first total on it, the
 * threshold read from the instrument definition as classifyOutcome reads it). Each flag
 * has a stable id, `<response ref>:<flag>`, so that it can be marked handled.
 */
import type { MeasureRules } from './classify-outcome.ts';

export interface ScoredResponse { ref: string; instrument: string; at: string; total: number | null; flags: readonly string[] }
export interface FollowUpFlag { id: string; instrument: string; flag: string; at: string }

/** The flag name of a reliable worsening. */
export const worsening = 'worsening';

/**
 * Every flag of `responses` (oldest first), in the order they were raised.
 *
 * @example
 *   followUpFlags([{ ref: 'r1', instrument: 'phq9', at, total: 8, flags: [] }, { ref: 'r2', instrument: 'phq9', at, total: 15, flags: ['risk'] }], rules)
 *   // [{ id: 'r2:risk', ... }, { id: 'r2:worsening', ... }]
 */
export function followUpFlags(responses: readonly ScoredResponse[], rules: readonly MeasureRules[]): FollowUpFlag[] {
  const first = new Map<string, number>();
  const out: FollowUpFlag[] = [];
  for (const r of responses) {
    for (const flag of r.flags) out.push({ id: `${r.ref}:${flag}`, instrument: r.instrument, flag, at: r.at });
    const rule = rules.find((m) => m.id === r.instrument);
    if (!rule || r.total === null) continue;
    const base = first.get(r.instrument);
    if (base === undefined) first.set(r.instrument, r.total);
    else if (r.total - base >= rule.threshold) out.push({ id: `${r.ref}:${worsening}`, instrument: r.instrument, flag: worsening, at: r.at });
  }
  return out;
}
