/**
 * A depth-first walk over an mdast tree, for the compiler's checks and rewrites of every
 * part. unist-util-visit does the same with a closure and a copy of the ancestors per
 * node; six walks of every part made it about 5 % of `mestring build` (bench/bench.ts,
 * compile row), and the compiler never needs the ancestors, only the parent.
 */
import type { Nodes, Parent, Root } from 'mdast';

/** Returned by a visitor: do not walk into this node's children. */
export const skipChildren = Symbol('skip children');

/**
 * What a visitor returns: nothing (walk on, into the node's children), `skipChildren`,
 * or an index in `parent.children` to go on from, without walking into the node (after
 * replacing or removing it).
 */
export type WalkResult = void | undefined | typeof skipChildren | number;

/**
 * Calls `visitor` for every node under `tree` (not the root itself), parents before
 * their children, in document order.
 *
 * @example
 *   walkTree(tree, (node, index, parent) => {
 *     if (node.type !== 'html') return;
 *     parent.children.splice(index, 1);
 *     return index;
 *   });
 */
export function walkTree(tree: Root | Parent, visitor: (node: Nodes, index: number, parent: Parent) => WalkResult): void {
  const children = tree.children as Nodes[];
  for (let index = 0; index < children.length;) {
    const node = children[index]!;
    const result = visitor(node, index, tree);
    if (typeof result === 'number') {
      index = result;
      continue;
    }
    if (result !== skipChildren && 'children' in node) walkTree(node as Parent, visitor);
    index++;
  }
}
