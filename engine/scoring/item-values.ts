/**
 * The values an instrument item accepts and the range a score can take. Shared by
 * scoring (to validate answers) and by the instrument loader (to check bands).
 */
import type { Instrument, InstrumentItem, ScaleRules } from '../../schemas/types.ts';

/** The integer values `item` accepts; empty for text items. */
export function allowedValues(instrument: Instrument, item: InstrumentItem): number[] {
  const type = item.type ?? 'choice';
  if (type === 'text') return [];
  if (type === 'scale') {
    const values: number[] = [];
    for (let v = item.min ?? 0; v <= (item.max ?? -1); v++) values.push(v);
    return values;
  }
  return (item.options ?? instrument.options ?? []).map((o) => o.value);
}

/** Lowest and highest value of `item` (0, 0 for text items). */
export function itemRange(instrument: Instrument, item: InstrumentItem): { min: number; max: number } {
  const values = allowedValues(instrument, item);
  if (!values.length) return { min: 0, max: 0 };
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The items a scale sums: its `items`, or every item when absent. */
export function scaleItems(instrument: Instrument, scale: Pick<ScaleRules, 'items'>): InstrumentItem[] {
  if (!scale.items) return instrument.items;
  const byId = new Map(instrument.items.map((item) => [item.id, item]));
  return scale.items.map((id) => byId.get(id)).filter((item): item is InstrumentItem => item !== undefined);
}

/** The lowest and highest score a scale can reach (multiplier applied). */
export function scaleRange(instrument: Instrument, scale: Pick<ScaleRules, 'items' | 'multiplier'>): { min: number; max: number } {
  const multiplier = scale.multiplier ?? 1;
  let min = 0;
  let max = 0;
  for (const item of scaleItems(instrument, scale)) {
    const range = itemRange(instrument, item);
    min += range.min;
    max += range.max;
  }
  return { min: min * multiplier, max: max * multiplier };
}
