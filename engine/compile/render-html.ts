/**
 * Markdown nodes to sanitized HTML. The content is shown inside partners' apps,
 * so whatever the Markdown says, only a safe subset of HTML comes out.
 */
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import { remarkTables } from './remark-tables.ts';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { RootContent, Root } from 'mdast';

const schema: SanitizeSchema = {
  ...defaultSchema,
  // Figures (:::figure) are an image with its long description as the caption.
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto', 'tel'] },
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), 'dataSectionId'],
    // Computed values (:value): the server fills the span with data-value per person.
    span: [...(defaultSchema.attributes?.span ?? []), ['className', 'value'], 'dataValue'],
    figure: [['className', 'figure']],
  },
};

const toHtml = unified().use(remarkTables).use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify);

/** Renders a list of Markdown nodes to one sanitized HTML string. */
export function renderHtml(nodes: readonly RootContent[]): string {
  if (nodes.length === 0) return '';
  // mdast-util-to-hast reads the nodes and never changes them: no copy is needed.
  const root: Root = { type: 'root', children: nodes as RootContent[] };
  const hast = toHtml.runSync(root);
  return String(toHtml.stringify(hast)).trim();
}
