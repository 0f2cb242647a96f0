/** The compiler's tree walk: document order, parents first, and going on after a node is replaced or removed. */
import { describe, expect, it } from 'vitest';
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { skipChildren, walkTree } from '../../../engine/compile/walk-tree.ts';

const parse = (markdown: string) => unified().use(remarkParse).parse(markdown) as Root;
const label = (node: Nodes) => ('value' in node ? `${node.type}:${node.value}` : node.type);

describe('walkTree', () => {
  it('visits every node below the root, parents before children, in document order', () => {
    const seen: string[] = [];
    walkTree(parse('# A\n\nB *c*\n\n- d\n'), (node) => void seen.push(label(node)));
    expect(seen).toEqual(['heading', 'text:A', 'paragraph', 'text:B ', 'emphasis', 'text:c', 'list', 'listItem', 'paragraph', 'text:d']);
  });

  it('does not walk into a node when told to skip its children', () => {
    const seen: string[] = [];
    walkTree(parse('B *c*\n\nd\n'), (node) => {
      seen.push(label(node));
      return node.type === 'emphasis' ? skipChildren : undefined;
    });
    expect(seen).toEqual(['paragraph', 'text:B ', 'emphasis', 'paragraph', 'text:d']);
  });

  it('goes on from the index returned after removing or replacing a node, visiting each remaining node once', () => {
    const tree = parse('a\n\n<div>x</div>\n\n<div>y</div>\n\nc\n');
    const seen: string[] = [];
    walkTree(tree, (node, index, parent) => {
      seen.push(node.type);
      if (node.type === 'html') {
        parent.children.splice(index, 1);
        return index;
      }
      if (node.type === 'text' && node.value === 'c') {
        parent.children.splice(index, 1, { type: 'text', value: 'C' });
        return index + 1;
      }
      return undefined;
    });
    expect(seen).toEqual(['paragraph', 'text', 'html', 'html', 'paragraph', 'text']);
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'paragraph']);
    expect((tree.children[1] as { children: Nodes[] }).children).toEqual([{ type: 'text', value: 'C' }]);
  });
});
