/**
 * What a professional follows up for one consented code: its flags with whether they are
 * handled, the day of its last activity, and when the last contact was (the last
 * appointment that has passed, or the last flag handled), from which the follow-up view
 * shows what happened since.
 */
import type { CompiledProgram, Instrument } from '../schemas/types.ts';
import { outcomeRules } from '../engine/scoring/classify-outcome.ts';
import { followUpFlags, type FollowUpFlag } from '../engine/scoring/follow-up-flags.ts';
import { localDate } from '../engine/progress/due.ts';
import type { ResponseRow } from './store/progress.ts';
import type { FlagAckRow } from './store/flags.ts';

export interface FlagView extends FollowUpFlag { handled: { by: string; at: string } | null }

/** Flags that call for a look at once: a risk answer or an unanswered risk question. */
export const riskFlags: ReadonlySet<string> = new Set(['risk', 'risk_unknown']);

/**
 * Every flag of a code's responses, with its handling.
 *
 * @example
 *   flagsWithHandling(program, await stores.progress.responses(id), await stores.flags.handled(id))
 */
export function flagsWithHandling(program: CompiledProgram, responses: readonly ResponseRow[], acks: readonly FlagAckRow[]): FlagView[] {
  const { rules } = outcomeRules(new Map(Object.entries(program.instruments) as [string, Instrument][]));
  const scored = responses.map((r) => {
    const score = JSON.parse(r.score_json) as { total?: number | null; flags?: string[] };
    return { ref: r.ref, instrument: r.instrument_id, at: r.created_at, total: typeof score.total === 'number' ? score.total : null, flags: score.flags ?? [] };
  });
  const handled = new Map(acks.map((a) => [a.flag_id, { by: a.username, at: a.at }]));
  return followUpFlags(scored, rules).map((f) => ({ ...f, handled: handled.get(f.id) ?? null }));
}

/** The open flags' kinds, risk first: what the code list shows. */
export function openFlagKinds(flags: readonly FlagView[]): string[] {
  const open = new Set(flags.filter((f) => !f.handled).map((f) => f.flag));
  return [...open].sort((a, b) => Number(riskFlags.has(b)) - Number(riskFlags.has(a)) || a.localeCompare(b));
}

/** The calendar day (in `timeZone`) of the latest of `times`, or null. */
export function lastDay(times: readonly (string | null | undefined)[], timeZone: string): string | null {
  const latest = times.filter((t): t is string => !!t).sort().at(-1);
  return latest ? localDate(new Date(latest), timeZone) : null;
}

/** The last contact before `now`: the latest past appointment or flag handling, or null. */
export function lastContact(appointments: readonly string[], acks: readonly FlagAckRow[], now: Date): string | null {
  const at = now.toISOString();
  return [...appointments.filter((a) => a <= at), ...acks.map((a) => a.at)].sort().at(-1) ?? null;
}
