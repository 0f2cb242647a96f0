/**
 * Checks on an instrument's scoring rules that JSON Schema cannot express: every
 * item a rule names exists, reverse items are choice items, and severity bands
 * cover the possible range of their score exactly, without gaps or overlaps.
 */
import type { VFile } from 'vfile';
import type { Instrument, ScaleRules } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { placeOf, type YamlSource } from '../compile/validate-yaml.ts';
import { scaleRange } from '../scoring/item-values.ts';

type Path = (string | number)[];

/** Reports every problem with `instrument.scoring` on `file`; true when there is none. */
export function checkScoringRules(file: VFile, source: YamlSource, instrument: Instrument): boolean {
  let valid = true;
  const fail = (ruleId: Parameters<typeof report>[2], message: string, path: Path) => {
    report(file, 'error', ruleId, message, placeOf(source, path));
    valid = false;
  };
  const scoring = instrument.scoring;
  if (instrument.kind === 'form') {
    if (scoring) fail('scoring-missing', "Unexpected scoring rules on a form, expected none (or kind: scored)", ['scoring']);
    return valid;
  }
  if (!scoring || (!scoring.total && !scoring.subscales && !scoring.classification)) {
    fail('scoring-missing', 'Missing scoring rules, expected scoring with total, subscales or classification', scoring ? ['scoring'] : ['kind']);
    return valid;
  }

  const items = new Map(instrument.items.map((item) => [item.id, item]));
  const known = [...items.keys()].join(', ');
  const checkIds = (ids: readonly string[] | undefined, path: Path) => {
    ids?.forEach((id, i) => {
      if (!items.has(id)) fail('scoring-item-unknown', `Unknown item '${id}', expected one of: ${known}`, [...path, i]);
    });
  };

  checkIds(scoring.reverse, ['scoring', 'reverse']);
  scoring.reverse?.forEach((id, i) => {
    const item = items.get(id);
    if (item && (item.type ?? 'choice') !== 'choice') {
      fail('scoring-reverse-invalid', `Unexpected reverse-scored ${item.type} item '${id}', expected a choice item`, ['scoring', 'reverse', i]);
    }
  });

  const checkScale = (scale: ScaleRules, path: Path) => {
    checkIds(scale.items, [...path, 'items']);
    if (scale.items?.some((id) => !items.has(id))) return;
    if (!scale.bands) return;
    const range = scaleRange(instrument, scale);
    const bands = scale.bands.map((band, index) => ({ band, index })).sort((a, b) => a.band.min - b.band.min);
    let next = range.min;
    for (const { band, index } of bands) {
      const bandPath = [...path, 'bands', index];
      if (band.min > band.max) {
        fail('scoring-band-gap', `Unexpected band '${band.id}' from ${band.min} to ${band.max}, expected min at or below max`, bandPath);
      } else if (band.min < next) {
        const rule = band.min < range.min ? 'scoring-band-gap' : 'scoring-band-overlap';
        fail(rule, band.min < range.min
          ? `Unexpected band '${band.id}' starting at ${band.min}, below the lowest possible score ${range.min}`
          : `Band '${band.id}' (${band.min}-${band.max}) overlaps the band before it, expected it to start at ${next}`, bandPath);
      } else if (band.min > next) {
        fail('scoring-band-gap', `Missing band for scores ${next}-${band.min - 1}, expected band '${band.id}' to start at ${next}`, bandPath);
      }
      next = Math.max(next, band.max + 1);
    }
    if (next - 1 > range.max) {
      fail('scoring-band-gap', `Unexpected bands reaching ${next - 1}, above the highest possible score ${range.max}`, [...path, 'bands']);
    } else if (next - 1 < range.max) {
      fail('scoring-band-gap', `Missing band for scores ${next}-${range.max}, expected the bands to reach the highest possible score ${range.max}`, [...path, 'bands']);
    }
  };

  if (scoring.total) checkScale(scoring.total, ['scoring', 'total']);
  scoring.subscales?.forEach((subscale, i) => checkScale(subscale, ['scoring', 'subscales', i]));
  scoring.classification?.classes.forEach((rule, i) => {
    rule.when.forEach((criterion, j) => checkIds(criterion.items, ['scoring', 'classification', 'classes', i, 'when', j, 'items']));
  });
  scoring.flags?.forEach((flag, i) => {
    if (!items.has(flag.item)) fail('scoring-item-unknown', `Unknown item '${flag.item}', expected one of: ${known}`, ['scoring', 'flags', i, 'item']);
  });
  return valid;
}
