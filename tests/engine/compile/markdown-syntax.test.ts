/** The Markdown of the pack format: CommonMark, tables and directives, and no other GFM syntax. */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { parseSection } from '../../../engine/compile/parse-section.ts';
import { parseWithTables, remarkTables } from '../../../engine/compile/remark-tables.ts';
import { projectRoot } from '../../../engine/project-root.ts';

const section = (body: string) => parseSection(new VFile({ path: 'demo/sections/01-start.md', value: `---\nid: start\n---\n${body}` }));

describe('the Markdown a part is written in', () => {
  it('has tables', () => {
    const { tree } = section('| Trinn | Angst |\n|---|---|\n| Stå i kø | 3 |\n');
    expect(tree.children.map((c) => c.type)).toEqual(['table']);
    expect(toString(tree)).toBe('TrinnAngstStå i kø3');
  });

  it('keeps strikethrough marks, footnote marks, task boxes and bare web addresses as the text they are', () => {
    const text = 'Skriv ~~ikke~~ dette[^1] på www.example.no eller https://example.no.';
    const { tree } = section(`${text}\n\n- [ ] gjør det\n`);
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph', 'list']);
    expect(toString(tree.children[0])).toBe(text);
    expect(JSON.stringify(tree)).not.toMatch(/"type":"(delete|link|footnoteReference)"/);
    expect(toString(tree.children[1])).toBe('[ ] gjør det');
  });

  it('has directives', () => {
    const { tree } = section(':::exercise{#plan}\nHva vil du gjøre?\n:::\n');
    expect(tree.children[0]).toMatchObject({ type: 'containerDirective', name: 'exercise' });
  });

  it('finds the same tables as the table syntax tried on every line, in every pack and in the odd cases', () => {
    // parseWithTables tries the table syntax only on the lines a table can be on
    // (engine/compile/remark-tables.ts): the trees must be what upstream's syntax gives.
    function upstreamTables(this: import('unified').Processor) {
      const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
      (data.micromarkExtensions ??= []).push(gfmTable());
      (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
    }
    const upstream = unified().use(remarkParse).use(upstreamTables).use(remarkDirective);
    const ours = unified().use(remarkParse).use(remarkTables).use(remarkDirective);
    const odd = [
      'a\n:-', 'a\n-:', 'a\n-', 'a\n---', 'a|b\n-|-\nc', 'a | b\n--|--\nc | d\ne', '> a\n> :-\n> b',
      '- x\n\n  | a |\n  | - |\n  | 1 |', '- | a |\n  | - |', '1. a | b\n   -|-', 'p\n| a |\n| - |', 'x\r\n| a |\r\n|:-|\r\ny', 'x\r| a |\r|:-|\ry',
      '| a |\n| - |\n\n| b |\nc\n| - |', ':::note\n| a | b |\n|---|---|\n| 1 | 2 |\n:::', 'a\n\n:-', '  a\n  :-:', '    a\n    :-', 'a\u0000|\n-|',
      '| a |\n| - |\n* b\n+ c\n> d\n7) e',
    ];
    const packs: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.md')) packs.push(readFileSync(join(dir, entry.name), 'utf8'));
      }
    };
    walk(join(projectRoot, 'programs'));
    const withTables = (texts: string[]) => texts.filter((text) => JSON.stringify(upstream.parse(text)).includes('"type":"table"')).length;
    expect(withTables(odd)).toBeGreaterThan(12);
    expect(withTables(packs)).toBeGreaterThan(5);
    for (const text of [...odd, ...packs]) expect(parseWithTables(text, (t) => ours.parse(t))).toEqual(upstream.parse(text));
  });
});
