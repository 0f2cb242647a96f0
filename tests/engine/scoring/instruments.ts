/** Loads the shipped instruments once for the scoring tests. */
import { loadInstruments } from '../../../engine/compile/compile-tree.ts';
import type { Instrument } from '../../../schemas/types.ts';

const loaded = loadInstruments(new URL('../../../programs/instruments/', import.meta.url).pathname);

/** The shipped instrument `id`; throws in a test when it failed to load. */
export function instrument(id: string): Instrument {
  const found = loaded.instruments.get(id);
  if (!found) throw new Error(`instrument ${id} did not load: ${loaded.files.flatMap((f) => f.messages.map(String)).join('\n')}`);
  return found;
}

export const loadedFiles = loaded.files;

/** Answers giving every item of `items` (ids) the value `value`. */
export function fill(ids: readonly string[], value: number): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, value]));
}

/**
 * Raw answers (before reversal) with the given total, spread over plain
 * (non-reversed) items first; reversed items are set to their 'zero-contribution' value.
 */
export function answersForTotal(inst: Instrument, total: number, ids = inst.items.map((i) => i.id)): Record<string, number> {
  const reverse = new Set(inst.scoring?.reverse ?? []);
  const values = (inst.options ?? []).map((o) => o.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const answers: Record<string, number> = {};
  let left = total - ids.length * min;
  for (const id of ids) {
    const add = Math.min(max - min, Math.max(0, left));
    left -= add;
    answers[id] = reverse.has(id) ? max - add : min + add;
  }
  if (left !== 0) throw new Error(`total ${total} not reachable`);
  return answers;
}
