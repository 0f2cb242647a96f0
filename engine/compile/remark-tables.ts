/**
 * GitHub-style tables, the one extension to CommonMark that the pack format has
 * (docs/authoring.md, "Markdown you can use"). remark-gfm would also bring strikethrough,
 * footnotes, task lists and bare web addresses turned into links, which no pack uses and
 * which more than doubled the time to parse a pack: its autolink scanner looks at every
 * character of the text.
 */
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown, gfmTableToMarkdown } from 'mdast-util-gfm-table';
import type { Construct, Extension } from 'micromark-util-types';
import type { Processor } from 'unified';

interface ParserData {
  micromarkExtensions?: unknown[];
  fromMarkdownExtensions?: unknown[];
  toMarkdownExtensions?: unknown[];
}

const upstream = (gfmTable().flow as Record<string, Construct>).null!;

/**
 * The table syntax as micromark sees it. Upstream registers the table under `null`:
 * micromark then tries it at the start of every line of every paragraph, and each try
 * costs (state saved and restored, some twenty closures made), which made parsing a
 * pack about 15 % dearer. {@link parseWithTables} registers it, for one document, only
 * under the characters of the lines that can be part of a table; outside it, it is
 * registered as upstream does.
 */
const tables: Extension = { flow: { null: upstream } };
/** The same construct, tried after the constructs already under a character. */
const afterOthers: Construct = { ...upstream, add: 'after' };

/**
 * Parses `text` with `parse` (a processor using {@link remarkTables}), trying the table
 * syntax only where a table can be. A table starts with a head row whose next line is a
 * delimiter row, which micromark-extension-gfm-table accepts only once it has seen a `|`
 * or a `:` in it (its `seen`) and which otherwise holds only `-`, spaces and container
 * marks (`>`). So a table can only be on a line followed by such a line, or on the lines
 * after it up to a blank line (body rows need no `|`). The construct is registered under
 * the characters where those lines' flow may start (one object, so its resolver runs
 * once), after the constructs already there, as upstream's `null` is tried after them;
 * the trees are the same (tests/engine/compile/markdown-syntax.test.ts).
 */
export function parseWithTables<T>(text: string, parse: (text: string) => T): T {
  const lines = text.split(/\r\n?|\n/);
  const codes = new Set<number>();
  for (let index = 0; index + 1 < lines.length; index++) {
    const next = lines[index + 1]!;
    if (!/^[ \t>]*[|:-][|: \t-]*$/.test(next) || !next.includes('-') || !/[|:]/.test(next)) continue;
    for (let row = index; row < lines.length && lines[row]!.trim() !== ''; row++) {
      const line = lines[row]!;
      // The construct is tried where the line's flow starts: after container marks,
      // list markers and indentation. Every character up to the first that is none of
      // those is a place it may be tried; a NUL is read as U+FFFD.
      for (let at = 0; at < line.length; at++) {
        const code = line.charCodeAt(at);
        codes.add(code === 0 ? 0xfffd : code);
        if (!/[ \t>*+\-.)0-9]/.test(line[at]!)) break;
      }
    }
  }
  tables.flow = Object.fromEntries([...codes].map((code) => [code, afterOthers]));
  try {
    return parse(text);
  } finally {
    tables.flow = { null: upstream };
  }
}

/** A unified plugin: tables in, tables out. */
export function remarkTables(this: Processor): void {
  const data = this.data() as ParserData;
  (data.micromarkExtensions ??= []).push(tables);
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(gfmTableToMarkdown());
}
