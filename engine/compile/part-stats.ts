/**
 * Reading measures of one part in one language, for `mestring validate --stats`, and
 * the warnings on them: a heavy part (LIX above 40, or Flesch reading ease below 60
 * in English) and very long sentences (more than 30 words).
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.ts';
import { proseOf, readingOf, type TextStats } from '../readability/text-stats.ts';

/** A part above this LIX gets a warning. */
export const maxLix = 40;
/** An English part below this Flesch reading ease gets a warning. */
export const minFlesch = 60;
/** A sentence with more words than this gets a warning. */
export const maxSentenceWords = 30;

export interface PartStats extends TextStats {
  program: string;
  locale: string;
  /** The part's id. */
  section: string;
  /** The part's file, as in messages. */
  file: string;
}

/**
 * The reading measures of a compiled part's tree (after compiling: clock times are text
 * again); with `file`, warnings for a heavy part and very long sentences are reported on it.
 */
export function partStats(tree: Root, where: Omit<PartStats, keyof TextStats>, file?: VFile): PartStats {
  const reading = readingOf(proseOf(tree), where.locale, maxSentenceWords);
  const sentences = reading.sentences;
  const stats: PartStats = { ...where, ...reading.stats };
  if (!file) return stats;
  if (stats.lix !== null && stats.lix > maxLix) {
    report(file, 'warning', 'readability-low', `Heavy reading: LIX ${stats.lix}, expected ${maxLix} or below (shorter sentences and everyday words)`, { line: 1, column: 1 });
  }
  if (stats.fleschReadingEase !== null && stats.fleschReadingEase < minFlesch) {
    report(file, 'warning', 'readability-low', `Heavy reading: Flesch reading ease ${stats.fleschReadingEase}, expected ${minFlesch} or above (shorter sentences and everyday words)`, { line: 1, column: 1 });
  }
  for (const sentence of sentences) {
    if (sentence.words > maxSentenceWords) {
      report(file, 'warning', 'sentence-long', `Long sentence of ${sentence.words} words ('${sentence.opening} ...'), expected at most ${maxSentenceWords}: split it`, sentence.start);
    }
  }
  return stats;
}
