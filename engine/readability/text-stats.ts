/**
 * Reading measures of a part's prose: words, sentences, LIX (Björnsson; used for
 * Norwegian and the other Scandinavian languages) and Flesch reading ease (for
 * English, with syllables counted by wooorm's `syllable`). Pure: an mdast tree in,
 * numbers and sentence places out.
 */
import type { Root, Nodes } from 'mdast';
import type { Point } from 'unist';
import { syllable } from 'syllable';
import { flesch } from 'flesch';

/** One block of running text (a paragraph, heading or table cell) and where each piece of it came from. */
export interface ProseRun {
  text: string;
  /** Offsets in `text` where a source text node starts, with the node's start point. */
  pieces: { offset: number; start: Point }[];
}

export interface Sentence {
  /** Number of words. */
  words: number;
  /** Where the sentence starts in the file. */
  start: Point;
  /** The first words, to name it in a message. */
  opening: string;
}

export interface TextStats {
  words: number;
  sentences: number;
  /** Words of more than six letters (LIX). */
  longWords: number;
  /** Estimated minutes to read, at {@link readingWordsPerMinute} words a minute, at least 1. */
  minutes: number;
  /** LIX = words / sentences + 100 x long words / words, one decimal (nb, nn and other non-English text). */
  lix: number | null;
  /** Flesch reading ease, one decimal (English text). */
  fleschReadingEase: number | null;
  /** The longest sentence's word count. */
  longestSentence: number;
}

/** The reading speed assumed for the estimate: plain text read by someone under stress. */
export const readingWordsPerMinute = 180;

const skipped = new Set(['code', 'inlineCode', 'html', 'leafDirective', 'yaml', 'definition', 'image', 'imageReference']);

/** The prose of a part: every paragraph, heading and table cell, in order; directive labels (titles) and fields are left out. */
export function proseOf(tree: Root): ProseRun[] {
  const runs: ProseRun[] = [];
  const walk = (node: Nodes) => {
    if (skipped.has(node.type)) return;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      if ((node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) return;
      const run: ProseRun = { text: '', pieces: [] };
      collect(node, run);
      if (run.text.trim()) runs.push(run);
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);
  return runs;
}

function collect(node: Nodes, run: ProseRun): void {
  if (node.type === 'text') {
    if (node.position) run.pieces.push({ offset: run.text.length, start: node.position.start });
    run.text += node.value;
    return;
  }
  if (node.type === 'break') {
    run.text += ' ';
    return;
  }
  if (skipped.has(node.type)) return;
  if ('children' in node) for (const child of node.children as Nodes[]) collect(child, run);
}

const wordPattern = /\p{N}+(?:[:.,]\p{N}+)*|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
// A sentence ends at . ! ? or : followed by a space and a capital letter, a digit-free opening quote, or the end of the block.
const sentenceEnd = /(?<=[.!?:…])["»”)]*\s+(?=[\p{Lu}«"“])/u;

/** The words of `text`. */
export function wordsOf(text: string): string[] {
  return text.match(wordPattern) ?? [];
}

function pointAt(run: ProseRun, index: number): Point {
  let piece = run.pieces[0];
  for (const p of run.pieces) if (p.offset <= index) piece = p;
  if (!piece) return { line: 1, column: 1 };
  const before = run.text.slice(piece.offset, index);
  const newline = before.lastIndexOf('\n');
  if (newline === -1) return { line: piece.start.line, column: piece.start.column + before.length };
  return { line: piece.start.line + before.split('\n').length - 1, column: before.length - newline };
}

/** The sentences of the prose runs, with their places. A block (heading, list item, cell) always ends a sentence. */
export function sentencesOf(runs: readonly ProseRun[]): Sentence[] {
  return measured(runs, false).sentences.map(sentenceOf);
}

const sentenceEnds = new RegExp(sentenceEnd.source, 'gu');
const words = new RegExp(wordPattern.source, 'gu');

/** A sentence as found: its run, where it starts and ends there, and its number of words. */
interface Found {
  run: ProseRun;
  from: number;
  end: number;
  words: number;
}

/** The sentence's place and opening words, made only for the sentences a caller keeps. */
function sentenceOf({ run, from, end, words: count }: Found): Sentence {
  const piece = run.text.slice(from, end);
  const lead = piece.length - piece.trimStart().length;
  return { words: count, start: pointAt(run, from + lead), opening: wordsOf(piece).slice(0, 6).join(' ') };
}

/**
 * The sentences and the word counts of `runs` in one pass over each block, with global
 * patterns and no copies of the text (a build measures every part of every edition).
 * A word never spans a sentence end: the end is punctuation, then quotes or spaces.
 */
function measured(runs: readonly ProseRun[], english: boolean) {
  const sentences: Found[] = [];
  let count = 0;
  let longWords = 0;
  let syllables = 0;
  for (const run of runs) {
    const text = run.text;
    let from = 0;
    sentenceEnds.lastIndex = 0;
    words.lastIndex = 0;
    while (from < text.length) {
      const match = sentenceEnds.exec(text);
      const end = match ? match.index : text.length;
      let inSentence = 0;
      for (let word = words.exec(text); word; word = words.exec(text)) {
        if (word.index >= end) {
          words.lastIndex = word.index;
          break;
        }
        const w = word[0];
        inSentence++;
        // Only a word of more than six characters can have more than six letters.
        if (w.length > 6 && lettersIn(w) > 6) longWords++;
        if (english) syllables += syllablesOf(w);
      }
      if (inSentence) sentences.push({ run, from, end, words: inSentence });
      count += inSentence;
      if (!match) break;
      from = end + match[0].length;
    }
  }
  return { sentences, count, longWords, syllables };
}

/**
 * Syllables of one word, remembered: counting them is most of the reading measures' time,
 * and a program's English text uses the same few thousand words over and over.
 */
const syllableCounts = new Map<string, number>();
function syllablesOf(word: string): number {
  let count = syllableCounts.get(word);
  if (count === undefined) {
    count = /\p{L}/u.test(word) ? syllable(word) : 1;
    if (syllableCounts.size < 100_000) syllableCounts.set(word, count);
  }
  return count;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Reading measures of `runs` for `locale` (LIX unless the locale is English).
 *
 * @example
 *   textStats(proseOf(tree), 'nb') // { words: 812, sentences: 90, lix: 27.4, minutes: 5, ... }
 */
export function textStats(runs: readonly ProseRun[], locale: string): TextStats {
  return readingOf(runs, locale).stats;
}

/**
 * The reading measures of `runs` and, in the same pass, the sentences of more than
 * `longerThan` words (all of them by default): what `mestring build` needs for every
 * part, the measures and the long sentences to warn about.
 */
export function readingOf(runs: readonly ProseRun[], locale: string, longerThan = 0): { stats: TextStats; sentences: Sentence[] } {
  const english = locale === 'en' || locale.startsWith('en-');
  const { sentences, count, longWords, syllables } = measured(runs, english);
  const sentenceCount = Math.max(1, sentences.length);
  let longest = 0;
  for (const s of sentences) if (s.words > longest) longest = s.words;
  const stats: TextStats = {
    words: count,
    sentences: sentences.length,
    longWords,
    minutes: Math.max(1, Math.round(count / readingWordsPerMinute)),
    lix: english || count === 0 ? null : round1(count / sentenceCount + (100 * longWords) / count),
    fleschReadingEase: english && count > 0 ? round1(flesch({ sentence: sentenceCount, word: count, syllable: syllables })) : null,
    longestSentence: longest,
  };
  return { stats, sentences: sentences.filter((s) => s.words > longerThan).map(sentenceOf) };
}

/** Letters in `word` (digits and marks do not count toward a long word). */
const lettersIn = (word: string) => word.match(/\p{L}/gu)?.length ?? 0;
