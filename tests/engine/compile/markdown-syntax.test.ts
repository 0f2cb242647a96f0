/** The Markdown of the pack format: CommonMark, tables and directives, and no other GFM syntax. */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { parseSection } from '../../../engine/compile/parse-section.ts';

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
});
