/** Reading measures: words, sentences and their places, LIX and Flesch reading ease. */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import type { Root } from 'mdast';
import { proseOf, readingOf, sentencesOf, textStats, wordsOf } from '../../../engine/readability/text-stats.ts';

const parse = (markdown: string) => unified().use(remarkParse).use(remarkDirective).parse(markdown) as Root;

describe('textStats', () => {
  it('computes LIX from words per sentence and words of more than six letters', () => {
    // 8 words, 2 sentences, 2 long words (Kroppen, trenger): 8/2 + 100*2/8 = 29.
    const stats = textStats(proseOf(parse('Jeg sover godt. Kroppen trenger hvile hver natt.')), 'nb');
    expect(stats).toMatchObject({ words: 8, sentences: 2, longWords: 2, lix: 29, fleschReadingEase: null, longestSentence: 5, minutes: 1 });
  });

  it('computes Flesch reading ease for English with counted syllables', () => {
    // 6 words, 6 syllables, 2 sentences: 206.835 - 1.015*3 - 84.6*1 = 119.19.
    const stats = textStats(proseOf(parse('The cat sat. The dog ran.')), 'en');
    expect(stats.fleschReadingEase).toBe(119.2);
    expect(stats.lix).toBeNull();
    // Longer words lower the score.
    expect(textStats(proseOf(parse('Considerable uncertainty characterises physiological activation.')), 'en').fleschReadingEase).toBeLessThan(0);
  });

  it('estimates reading minutes at 180 words a minute', () => {
    expect(textStats(proseOf(parse(Array.from({ length: 90 }, () => 'Ord ord ord ord.').join(' '))), 'nb').minutes).toBe(2);
  });

  it('ends a sentence at a heading, a list item and punctuation before a capital, not at clock times or abbreviations', () => {
    const runs = proseOf(parse('## Natten\n\n- Legg deg kl. 22:30 hver kveld\n- Stå opp\n\nDet går bra. Og så sover du.\n'));
    expect(sentencesOf(runs).map((s) => s.words)).toEqual([1, 6, 2, 3, 4]);
    expect(wordsOf('kl. 22:30 og 10:00-11:30')).toEqual(['kl', '22:30', 'og', '10:00', '11:30']);
  });

  it('gives each sentence its line and column in the file', () => {
    const sentences = sentencesOf(proseOf(parse('Første setning her.\nAndre setning\nfortsetter. Tredje.\n')));
    expect(sentences.map((s) => [s.start.line, s.start.column, s.opening])).toEqual([
      [1, 1, 'Første setning her'],
      [2, 1, 'Andre setning fortsetter'],
      [3, 13, 'Tredje'],
    ]);
  });

  it('gives the measures of every sentence and keeps only the sentences over a length', () => {
    const runs = proseOf(parse('Kort.\n\nDenne setningen har hele åtte ord i seg. Kort igjen.\n'));
    const { stats, sentences } = readingOf(runs, 'nb', 5);
    expect(stats).toMatchObject({ words: 11, sentences: 3, longestSentence: 8 });
    expect(sentences).toEqual([{ words: 8, start: { line: 3, column: 1 }, opening: 'Denne setningen har hele åtte ord' }]);
    expect(readingOf(runs, 'nb').sentences.map((s) => s.words)).toEqual([1, 8, 2]);
  });

  it('leaves out fields and titles of directives', () => {
    const runs = proseOf(parse(':::exercise[En tittel]{#x kind=form}\nSkriv her.\n\n::field[Et spørsmål]{#y type=text}\n:::\n'));
    expect(runs.map((r) => r.text)).toEqual(['Skriv her.']);
  });
});
