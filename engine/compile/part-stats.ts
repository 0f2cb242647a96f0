/** Reading measures of one part in one language, for `mestring validate --stats`. */
import type { Root } from 'mdast';
import { proseOf, textStats, type TextStats } from '../readability/text-stats.ts';

export interface PartStats extends TextStats {
  program: string;
  locale: string;
  /** The part's id. */
  section: string;
  /** The part's file, as in messages. */
  file: string;
}

/** The reading measures of a compiled part's tree (after compiling: clock times are text again). */
export function partStats(tree: Root, where: Omit<PartStats, keyof TextStats>): PartStats {
  return { ...where, ...textStats(proseOf(tree), where.locale) };
}
