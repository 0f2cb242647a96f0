/**
 * The directives of living content, compiled in a part: `:value` (a value computed
 * per person, marked in the HTML), `:::figure` (an image from assets/ with alt text
 * and a long description) and `::recall` (the person's own entries of an earlier
 * exercise; resolved once every part is compiled, see resolve-living.ts).
 */
import type { VFile } from 'vfile';
import type { Root, RootContent, Nodes } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { Position } from 'unist';
import { walkTree } from './walk-tree.ts';
import { toString } from 'mdast-util-to-string';
import type { FigureAttributes, Instrument, RecallAttributes, RecallBlock, ValueAttributes, ValueSpec } from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { checkAttributes } from './directive-attributes.ts';

/** The outline entries of living content (see compile-section.ts). */
export type LivingOutlineItem =
  | { type: 'value'; key: string; spec: ValueAttributes; position: Position | undefined }
  | { type: 'recall'; exercise: string; position: Position | undefined }
  | { type: 'figure'; src: string; position: Position | undefined };

/** Where the outline entries go (the part's outline). */
export interface OutlineSink {
  push(...items: LivingOutlineItem[]): number;
}

/** The key of a value: what its marker's data-value says. */
export const valueKey = (attrs: Pick<ValueAttributes, 'of' | 'instrument'>) => (attrs.of === 'score' ? `score:${attrs.instrument ?? ''}` : attrs.of);

/**
 * Turns every `:value[fallback]{of=...}` into `<span class="value" data-value="key">fallback</span>`
 * and returns the values the part uses (each key once). Scores are checked here; the
 * sleep window's sources once the whole program is known.
 */
export function compileValues(file: VFile, tree: Root, instruments: ReadonlyMap<string, Instrument>, outline: OutlineSink): ValueSpec[] {
  const specs = new Map<string, ValueSpec>();
  walkTree(tree, (node) => {
    if (node.type !== 'textDirective' || node.name !== 'value') return;
    const of = node.attributes?.of;
    if (of && of !== 'sleep-window' && of !== 'score') {
      report(file, 'error', 'value-unknown', `Unknown value '${of}' in :value, expected of=sleep-window or of=score`, node.position);
      node.data = { hName: 'span', hProperties: { className: ['value'], dataValue: '' } };
      return;
    }
    const attrs = checkAttributes<ValueAttributes>(file, 'value', node.attributes, node.position);
    if (!toString(node).trim()) {
      report(file, 'error', 'label-missing', "Missing fallback text on :value, expected the words shown until there is a value: :value[regnes ut fra dagboken]{of=sleep-window}", node.position);
    }
    node.data = { hName: 'span', hProperties: { className: ['value'], dataValue: attrs ? valueKey(attrs) : '' } };
    if (!attrs) return;
    if (attrs.of === 'score') {
      if (!attrs.instrument) {
        report(file, 'error', 'attribute-missing', "Missing attribute 'instrument' on :value{of=score}, expected it as {of=score instrument=phq9}", node.position);
        return;
      }
      const instrument = instruments.get(attrs.instrument);
      if (!instrument) {
        report(file, 'error', 'questionnaire-ref-unknown', `Unknown questionnaire '${attrs.instrument}', expected one of: ${[...instruments.keys()].sort().join(', ')}`, node.position);
        return;
      }
      if (instrument.kind !== 'scored') {
        report(file, 'error', 'value-unknown', `Unexpected :value of the form '${attrs.instrument}', expected a scored questionnaire (a form has no score)`, node.position);
        return;
      }
    }
    for (const key of ['diary', 'rise'] as const) {
      if (attrs[key] !== undefined && attrs.of !== 'sleep-window') report(file, 'error', 'attribute-invalid', `Unexpected attribute '${key}' on :value{of=${attrs.of}}, expected it only with of=sleep-window`, node.position);
    }
    if (attrs.instrument !== undefined && attrs.of !== 'score') report(file, 'error', 'attribute-invalid', `Unexpected attribute 'instrument' on :value{of=${attrs.of}}, expected it only with of=score`, node.position);
    const key = valueKey(attrs);
    outline.push({ type: 'value', key, spec: attrs, position: node.position });
    if (!specs.has(key)) specs.set(key, { key, of: attrs.of, ...(attrs.instrument ? { instrument: attrs.instrument } : {}) });
  });
  return [...specs.values()];
}

/**
 * Turns every `:::figure[alt]{src=...}` (with the long description as its body) into a
 * `<figure>` of the image and a `<figcaption>` with the description, kept in the prose.
 */
export function compileFigures(file: VFile, tree: Root, assets: ReadonlySet<string>, outline: OutlineSink): void {
  walkTree(tree, (node, index, parent) => {
    if (node.type !== 'containerDirective' || node.name !== 'figure') return;
    const attrs = checkAttributes<FigureAttributes>(file, 'figure', node.attributes, node.position);
    const [first, ...rest] = node.children;
    const labelled = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel;
    const alt = labelled ? toString(first).trim() : '';
    const description = (labelled ? rest : node.children) as RootContent[];
    if (!alt) report(file, 'error', 'image-alt-missing', 'Missing alt text on :::figure, expected what the figure shows in brackets: :::figure[Angsten stiger og faller]{src=../assets/kurve.svg}', node.position);
    if (!description.some((n) => toString(n as Nodes).trim())) {
      report(file, 'error', 'figure-description-missing', 'Missing long description in :::figure, expected a body that tells in words what the figure shows', node.position);
    }
    for (const child of description) {
      if (child.type === 'containerDirective' || child.type === 'leafDirective') {
        report(file, 'error', 'directive-misplaced', `Unexpected '${child.type === 'containerDirective' ? ':::' : '::'}${child.name}' inside a figure, expected only text in its description`, child.position);
      }
    }
    let url = '';
    if (attrs) {
      const name = /assets\/([^/]+)$/.exec(attrs.src)?.[1] ?? '';
      if (!assets.has(name)) report(file, 'error', 'asset-missing', `Missing asset '${attrs.src}', expected a file in the program's assets/ folder, linked as ../assets/<file>`, node.position);
      url = `assets/${name}`;
      outline.push({ type: 'figure', src: attrs.src, position: node.position });
    }
    const figure = {
      type: 'figure',
      data: { hName: 'figure', hProperties: { className: ['figure'] } },
      children: [
        { type: 'image', url, alt },
        { type: 'figcaption', data: { hName: 'figcaption' }, children: description.filter((c) => c.type !== 'containerDirective' && c.type !== 'leafDirective') },
      ],
      ...(node.position ? { position: node.position } : {}),
    };
    parent.children.splice(index, 1, figure as never);
    return index + 1;
  });
}

/** A `::recall{exercise=...}` as a block still to be resolved against the program's parts. */
export function compileRecall(file: VFile, node: LeafDirective, outline: OutlineSink): RecallBlock | undefined {
  const attrs = checkAttributes<RecallAttributes>(file, 'recall', node.attributes, node.position);
  if (!attrs) return undefined;
  outline.push({ type: 'recall', exercise: attrs.exercise, position: node.position });
  return { type: 'recall', exercise: attrs.exercise, section: '', sectionNumber: 1, sectionTitle: '', title: toString(node).trim(), kind: 'form', fields: [] };
}
