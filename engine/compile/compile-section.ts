/**
 * Compiles one parsed section body into blocks (sanitized HTML, notes,
 * exercises, questionnaire places) and its completion requirements, reporting
 * every problem it finds rather than stopping at the first.
 */
import type { VFile } from 'vfile';
import type { Root, RootContent, Nodes, Parent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import type { Position } from 'unist';
import { walkTree } from './walk-tree.ts';
import { toString } from 'mdast-util-to-string';
import type {
  Block,
  CompiledExercise,
  CompiledField,
  CompiledSection,
  ExerciseAttributes,
  Instrument,
  NoteAttributes,
  QuestionnaireAttributes,
  SectionRequirements,
  ValueSpec,
} from '../../schemas/types.ts';
import { report } from '../diagnostics.ts';
import { checkAttributes, flag } from './directive-attributes.ts';
import { compileField, sleepDiaryFields } from './compile-fields.ts';
import { renderHtml } from './render-html.ts';
import { compileFigures, compileRecall, compileValues, type LivingOutlineItem } from './living-directives.ts';

/** What a section needs to know about the rest of its program. */
export interface SectionContext {
  /** Asset file names in the program's assets/ folder. */
  assets: ReadonlySet<string>;
  /** Section file names (NN-slug.md) to their section ids, for internal links. */
  sectionFiles: ReadonlyMap<string, string>;
  instruments: ReadonlyMap<string, Instrument>;
  /** Claims a program-wide id; reports a duplicate and returns false when taken. */
  claimId: (id: string, file: VFile, position: Position | undefined) => boolean;
}

/**
 * A structural element of a part in source order, with its place in the file: what a
 * translation is compared with its source by.
 */
export type OutlineItem =
  | { type: 'exercise'; id: string; position: Position | undefined }
  | { type: 'field'; exercise: string; id: string; position: Position | undefined }
  | { type: 'note'; kind: string; container: string; position: Position | undefined }
  | { type: 'questionnaire'; ref: string; position: Position | undefined }
  | LivingOutlineItem;

const knownDirectives = new Set(['exercise', 'field', 'questionnaire', 'note', 'figure', 'recall', 'value']);
const fenceLine = /^[ \t]*(:{3,})[ \t]*$/;

/** Compiles a section body. `body` is the text the tree was parsed from. */
export function compileSectionBody(
  file: VFile,
  tree: Root,
  body: string,
  context: SectionContext,
): Pick<CompiledSection, 'blocks' | 'requirements'> & { outline: OutlineItem[]; values: ValueSpec[] } {
  const outline: OutlineItem[] = [];
  restoreTextDirectives(file, tree, body);
  checkContainersClosed(file, tree, body);
  checkInlineContent(file, tree, context);
  compileFigures(file, tree, context.assets, outline);
  const values = compileValues(file, tree, context.instruments, outline);

  const blocks: Block[] = [];
  const requirements: SectionRequirements = { exercises: [], questionnaires: [] };
  let pending: RootContent[] = [];
  const flush = () => {
    const html = renderHtml(pending);
    if (html) blocks.push({ type: 'html', html });
    pending = [];
  };

  for (const node of tree.children) {
    if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      flush();
      const block = compileDirective(file, node, context, outline);
      if (!block) continue;
      blocks.push(block);
      if (block.type === 'exercise' && block.required) requirements.exercises.push({ id: block.id, minEntries: block.minEntries });
      if (block.type === 'questionnaire' && block.required && !requirements.questionnaires.includes(block.ref)) {
        requirements.questionnaires.push(block.ref);
      }
    } else {
      pending.push(node);
    }
  }
  flush();
  return { blocks, requirements, outline, values };
}

function compileDirective(file: VFile, node: ContainerDirective | LeafDirective, context: SectionContext, outline: OutlineItem[]): Block | undefined {
  const colons = node.type === 'containerDirective' ? ':::' : '::';
  if (!knownDirectives.has(node.name)) {
    report(file, 'error', 'directive-unknown', `Unknown directive '${colons}${node.name}', expected one of: :::exercise, :::note, :::figure, ::questionnaire, ::recall (::field inside an exercise, :value inside text)`, node.position);
    return undefined;
  }
  if (node.name === 'recall' && node.type === 'leafDirective') return compileRecall(file, node, outline);
  if (node.name === 'exercise' && node.type === 'containerDirective') return compileExercise(file, node, context, outline);
  if (node.name === 'note' && node.type === 'containerDirective') {
    const note = compileNote(file, node);
    if (note?.type === 'note') outline.push({ type: 'note', kind: note.kind, container: '', position: node.position });
    return note;
  }
  if (node.name === 'questionnaire' && node.type === 'leafDirective') {
    const questionnaire = compileQuestionnaire(file, node, context);
    if (questionnaire?.type === 'questionnaire') outline.push({ type: 'questionnaire', ref: questionnaire.ref, position: node.position });
    return questionnaire;
  }
  if (node.name === 'field') {
    report(file, 'error', 'directive-misplaced', 'Unexpected ::field outside an exercise, expected it inside :::exercise ... :::', node.position);
    return undefined;
  }
  const expected = node.name === 'questionnaire' || node.name === 'recall'
    ? `::${node.name}{...} (two colons, no closing fence)`
    : node.name === 'value' ? ':value[text]{of=...} inside a sentence (one colon)' : `:::${node.name} ... ::: (three colons and a closing fence)`;
  report(file, 'error', 'directive-unknown', `Unexpected '${colons}${node.name}', expected ${expected}`, node.position);
  return undefined;
}

function labelOf(node: ContainerDirective): { label: string; children: ContainerDirective['children'] } {
  const [first, ...rest] = node.children;
  if (first && first.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) {
    return { label: toString(first).trim(), children: rest };
  }
  return { label: '', children: node.children };
}

function compileNote(file: VFile, node: ContainerDirective): Block | undefined {
  const attrs = checkAttributes<NoteAttributes>(file, 'note', node.attributes, node.position);
  const { label, children } = labelOf(node);
  for (const child of children) {
    if (child.type === 'containerDirective' || child.type === 'leafDirective') {
      report(file, 'error', 'directive-misplaced', `Unexpected '${child.type === 'containerDirective' ? ':::' : '::'}${child.name}' inside a note, expected only text in a note`, child.position);
    }
  }
  const html = renderHtml(children.filter((c) => c.type !== 'containerDirective' && c.type !== 'leafDirective'));
  if (!attrs) return undefined;
  return { type: 'note', kind: attrs.kind, ...(label ? { title: label } : {}), html };
}

function compileQuestionnaire(file: VFile, node: LeafDirective, context: SectionContext): Block | undefined {
  const attrs = checkAttributes<QuestionnaireAttributes>(file, 'questionnaire', node.attributes, node.position);
  if (!attrs) return undefined;
  const instrument = context.instruments.get(attrs.ref);
  if (!instrument) {
    const known = [...context.instruments.keys()].sort().join(', ');
    report(file, 'error', 'questionnaire-ref-unknown', `Unknown questionnaire '${attrs.ref}', expected one of: ${known}`, node.position);
    return undefined;
  }
  if (instrument.wording.source === 'none') {
    report(file, 'error', 'questionnaire-not-displayable', `Questionnaire '${attrs.ref}' has no wording that may be shown to a person (${instrument.wording.note}), expected a questionnaire with shown wording, or the official text installed as an overlay`, node.position);
    return undefined;
  }
  return { type: 'questionnaire', ref: attrs.ref, required: flag(attrs.required) };
}

const repeatableKinds = new Set(['log', 'ladder', 'sleep-diary']);

function compileExercise(file: VFile, node: ContainerDirective, context: SectionContext, outline: OutlineItem[]): Block | undefined {
  const attrs = checkAttributes<ExerciseAttributes>(file, 'exercise', node.attributes, node.position);
  const inner: OutlineItem[] = [];
  const { label, children } = labelOf(node);
  if (!label) {
    report(file, 'error', 'label-missing', 'Missing title on :::exercise, expected it in brackets: :::exercise[Tankeregistrering]{#thought-record kind=log}', node.position);
  }
  const fields: CompiledField[] = [];
  const fieldIds = new Map<string, Position | undefined>();
  const htmlParts: string[] = [];
  let prose: RootContent[] = [];
  const flush = () => {
    const html = renderHtml(prose);
    if (html) htmlParts.push(html);
    prose = [];
  };
  for (const child of children) {
    if (child.type === 'leafDirective' && child.name === 'field') {
      const field = compileField(file, child);
      if (!field) continue;
      const first = fieldIds.get(field.id);
      if (fieldIds.has(field.id)) {
        report(file, 'error', 'id-duplicate', `Duplicate field id '${field.id}' in exercise, expected each field id once (first used at ${first?.start.line}:${first?.start.column})`, child.position);
        continue;
      }
      fieldIds.set(field.id, child.position);
      fields.push(field);
      inner.push({ type: 'field', exercise: attrs?.id ?? '', id: field.id, position: child.position });
    } else if (child.type === 'containerDirective' && child.name === 'note') {
      flush();
      const note = compileNote(file, child);
      if (note && note.type === 'note') {
        inner.push({ type: 'note', kind: note.kind, container: attrs?.id ?? '', position: child.position });
        const title = note.title ? `<p class="note-title"><strong>${escapeHtml(note.title)}</strong></p>` : '';
        htmlParts.push(`<aside class="note note-${note.kind}">${title}${note.html}</aside>`);
      }
    } else if (child.type === 'containerDirective' || child.type === 'leafDirective') {
      const known = knownDirectives.has(child.name);
      report(
        file,
        'error',
        known ? 'directive-misplaced' : 'directive-unknown',
        known
          ? `Unexpected '${child.type === 'containerDirective' ? ':::' : '::'}${child.name}' inside an exercise, expected only ::field, :::note and text there`
          : `Unknown directive '${child.type === 'containerDirective' ? ':::' : '::'}${child.name}', expected ::field or :::note inside an exercise`,
        child.position,
      );
    } else {
      prose.push(child);
    }
  }
  flush();
  if (!attrs) return undefined;
  if (!context.claimId(attrs.id, file, node.position)) return undefined;
  if (fields.length === 0) {
    report(file, 'error', 'exercise-no-fields', `Exercise '${attrs.id}' has no fields, expected at least one ::field[Question]{#id type=...} inside it`, node.position);
    return undefined;
  }
  outline.push({ type: 'exercise', id: attrs.id, position: node.position }, ...inner);
  const repeatable = attrs.repeatable !== undefined ? flag(attrs.repeatable) : repeatableKinds.has(attrs.kind);
  if (!repeatable && repeatableKinds.has(attrs.kind)) {
    report(file, 'error', 'attribute-invalid', `Unexpected repeatable=false on a kind=${attrs.kind} exercise, expected a ${attrs.kind} to collect entries`, node.position);
  }
  if (attrs.minEntries !== undefined && !repeatable) {
    report(file, 'error', 'attribute-invalid', `Unexpected minEntries on exercise '${attrs.id}', expected it only on a repeatable exercise (add repeatable)`, node.position);
  }
  if (attrs.kind === 'sleep-diary') {
    for (const [id, type] of Object.entries(sleepDiaryFields)) {
      const field = fields.find((f) => f.id === id);
      if (!field || field.type !== type) {
        report(file, 'error', 'attribute-invalid', `Sleep diary '${attrs.id}' lacks field #${id} of type=${type}, expected the fields ${Object.keys(sleepDiaryFields).join(', ')} (see docs/authoring.md)`, node.position);
      }
    }
  }
  const exercise: CompiledExercise = {
    type: 'exercise',
    id: attrs.id,
    title: label,
    kind: attrs.kind,
    required: flag(attrs.required),
    repeatable,
    minEntries: repeatable ? Number(attrs.minEntries ?? 1) : 1,
    html: htmlParts.join('\n'),
    fields,
  };
  return exercise;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * remark-directive reads `22:30` as `22` and a text directive `30`. Our one text
 * directive is `:value`; every other goes back to the exact source text, and one
 * that looks like a word (`merk:deg`) gets a warning, since it may be a typo.
 */
function restoreTextDirectives(file: VFile, tree: Root, body: string): void {
  const changed = new Set<Parent>();
  walkTree(tree, (node, index, parent) => {
    if (node.type !== 'textDirective' || node.name === 'value') return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const source = start !== undefined && end !== undefined ? body.slice(start, end) : `:${node.name}`;
    if (!/^:[0-9]/.test(source)) {
      report(file, 'warning', 'text-directive-restored', `Unexpected ':${node.name}' read as a directive, kept as plain text; expected a space after the colon, or \\: for a literal colon`, node.position);
    }
    const text: Text = { type: 'text', value: source, ...(node.position ? { position: node.position } : {}) };
    parent.children.splice(index, 1, text as never);
    changed.add(parent);
    return index + 1;
  });
  // Merge neighbouring text nodes so the HTML is the same as for plain text. The parser
  // never leaves two text nodes side by side, so only the parents changed above can have them.
  for (const parent of changed) {
    const children = parent.children as Nodes[];
    for (let i = children.length - 1; i > 0; i--) {
      const a = children[i - 1];
      const b = children[i];
      if (a?.type === 'text' && b?.type === 'text') {
        a.value += b.value;
        if (a.position && b.position) a.position.end = b.position.end;
        children.splice(i, 1);
      }
    }
  }
}

/** An unclosed container swallows the rest of the file silently; a stray fence means one closed too early. */
function checkContainersClosed(file: VFile, tree: Root, body: string): void {
  walkTree(tree, (node) => {
    if (node.type === 'containerDirective') {
      const directive = node as ContainerDirective;
      const start = directive.position?.start.offset ?? 0;
      const end = directive.position?.end.offset ?? body.length;
      const slice = body.slice(start, end);
      const opening = /^:+/.exec(slice)?.[0].length ?? 3;
      const lastLine = slice.split('\n').pop() ?? '';
      const fence = fenceLine.exec(lastLine);
      if (!fence || (fence[1]?.length ?? 0) < opening || slice.split('\n').length < 2) {
        report(file, 'error', 'container-unclosed', `Unclosed ':::${directive.name}', expected a closing line of ${opening} colons; an outer container around an inner one needs more colons (::::exercise around :::note)`, directive.position?.start);
      }
    }
    if (node.type === 'paragraph') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const text = body.slice(start, end);
      // Most paragraphs hold no colon run at all: only those are split into lines.
      if (!text.includes(':::')) return;
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (fenceLine.test(line)) {
          report(file, 'error', 'container-unclosed', 'Unexpected closing fence with no open container, expected an outer container to open with more colons than the inner one (::::exercise around :::note)', {
            line: (node.position?.start.line ?? 1) + i,
            column: 1,
          });
        }
      });
    }
  });
}

/** Raw HTML, images and links anywhere in the body. */
function checkInlineContent(file: VFile, tree: Root, context: SectionContext): void {
  walkTree(tree, (node, index, parent) => {
    if (node.type === 'html') {
      report(file, 'error', 'html-raw', 'Unexpected raw HTML, expected Markdown or a directive (HTML is not shown in partner apps)', node.position);
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type === 'image' || node.type === 'imageReference') {
      if (!node.alt || !node.alt.trim()) {
        report(file, 'error', 'image-alt-missing', 'Missing alt text on image, expected a description in the brackets: ![What the image shows](../assets/file.jpg)', node.position);
      }
    }
    if (node.type === 'image') {
      const name = /^(?:\.\.\/)?assets\/([^/?#]+)$/.exec(node.url)?.[1];
      if (!name || !context.assets.has(decodeURIComponent(name))) {
        report(file, 'error', 'asset-missing', `Missing asset '${node.url}', expected a file in the program's assets/ folder, linked as ../assets/<file>`, node.position);
      } else {
        node.url = `assets/${name}`;
      }
    }
    if (node.type === 'link' || node.type === 'definition') {
      checkLink(file, node, context);
    }
    return undefined;
  });
}

function checkLink(file: VFile, node: { url: string; position?: Position; data?: object }, context: SectionContext): void {
  const url = node.url.trim();
  if (/^(https?:|mailto:|tel:)/i.test(url)) return;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    report(file, 'error', 'link-invalid', `Unexpected link '${url}', expected an https:, http:, mailto: or tel: address or a section file`, node.position);
    return;
  }
  const fileName = /^(?:\.\/)?([^/#?]+\.md)(#.*)?$/.exec(url)?.[1];
  const sectionId = fileName ? context.sectionFiles.get(fileName) : undefined;
  if (!sectionId) {
    const known = [...context.sectionFiles.keys()].join(', ');
    report(file, 'error', 'link-broken', `Broken link '${url}', expected one of the section files: ${known}`, node.position);
    return;
  }
  // A part beyond the next is still locked while the person reads this one (the next opens
  // when this one is completed, so "read on" links work). Translations share the file names.
  const here = /^(\d{2})-/.exec(String(file.basename))?.[1];
  const there = /^(\d{2})-/.exec(fileName as string)?.[1];
  if (here && there && Number(there) > Number(here) + 1) {
    report(file, 'warning', 'link-forward', `Link to part ${Number(there)} (${fileName}), which is still locked when the person reads part ${Number(here)}; expected a link to an earlier part or the next one, or words that say it comes later`, node.position);
  }
  node.url = `#section-${sectionId}`;
  node.data = { ...(node.data ?? {}), hProperties: { dataSectionId: sectionId } };
}
