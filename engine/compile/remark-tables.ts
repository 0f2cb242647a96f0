/**
 * GitHub-style tables, the one extension to CommonMark that the pack format has
 * (docs/authoring.md, "Markdown you can use"). remark-gfm would also bring strikethrough,
 * footnotes, task lists and bare web addresses turned into links, which no pack uses and
 * which more than doubled the time to parse a pack: its autolink scanner looks at every
 * character of the text.
 */
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown, gfmTableToMarkdown } from 'mdast-util-gfm-table';
import type { Processor } from 'unified';

interface ParserData {
  micromarkExtensions?: unknown[];
  fromMarkdownExtensions?: unknown[];
  toMarkdownExtensions?: unknown[];
}

/** A unified plugin: tables in, tables out. */
export function remarkTables(this: Processor): void {
  const data = this.data() as ParserData;
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(gfmTableToMarkdown());
}
