/**
 * Reads YAML with source positions and validates it against a schema, turning
 * every ajv error into a diagnostic at the line and column of the offending key.
 */
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import { validatorFor, type ErrorObject } from '../schemas.ts';
import { report } from '../diagnostics.ts';
import type { RuleId } from '../rules.ts';

export interface YamlSource {
  /** The plain data, or undefined when the YAML could not be read. */
  data: unknown;
  /** The parsed document, used to find the place of a key. */
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Lines before the YAML text in its file (1 for front matter after its opening ---). */
  lineOffset: number;
}

/** Parses `text` and reports YAML syntax errors on `file`. */
export function readYaml(file: VFile, text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  for (const error of document.errors) {
    const pos = error.linePos?.[0];
    const place = pos ? { line: pos.line + lineOffset, column: pos.col } : undefined;
    const first = error.message.split('\n')[0] ?? error.message;
    report(file, 'error', 'yaml-syntax', `Cannot read the YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}; expected valid YAML (check indentation, colons and quotes)`, place);
  }
  const data = document.errors.length ? undefined : document.toJS();
  return { data, document, lineCounter, lineOffset };
}

/** The place of the node at `path` (or of its key when `key` is true). */
export function placeOf(source: YamlSource, path: readonly (string | number)[], key = false): Point | undefined {
  let node: unknown = source.document.contents;
  let keyNode: Node | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      node = (node as { items: unknown[] }).items[Number(step)];
      keyNode = undefined;
    } else break;
  }
  const target = (key && keyNode) || (node as Node | undefined) || keyNode;
  const offset = target?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line: line + source.lineOffset, column: col };
}

function pathOf(error: ErrorObject): (string | number)[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A path as authors read it: measurement.start[0]. */
export function describePath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || 'the top level';
}

/** One sentence for one ajv error, naming the key and what was expected. */
export function describeError(error: ErrorObject, where: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `Missing required key '${String(params.missingProperty)}' in ${where}, expected '${String(params.missingProperty)}:' at this level`;
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      return `Unexpected key '${String(params.additionalProperty)}' in ${where}, expected one of: ${known.join(', ')}`;
    }
    case 'enum':
      return `Unexpected value in ${where}, expected one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `Unexpected value in ${where}, expected ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return params.type === 'string'
        ? `Unexpected ${where}, expected text (in quotes if it looks like a number, e.g. "1.10")`
        : `Unexpected ${where}, expected ${String(params.type)}`;
    case 'pattern':
      return `Unexpected value in ${where}, expected text matching ${String(params.pattern)}`;
    case 'minItems':
      return `Too few entries in ${where}, expected at least ${String(params.limit)}`;
    case 'maxItems':
      return `Too many entries in ${where}, expected at most ${String(params.limit)}`;
    case 'minLength':
      return params.limit === 1 ? `Empty ${where}, expected some text` : `Too short ${where}, expected at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `Too long ${where}, expected at most ${String(params.limit)} characters`;
    case 'uniqueItems':
      return `Repeated entry in ${where}, expected each entry once`;
    default:
      return `Unexpected value in ${where}: ${error.message ?? error.keyword}`;
  }
}

/**
 * Validates the YAML data against `schemaRef`; reports each problem on `file`
 * at the offending key. Returns true when valid.
 */
export function validateYaml(file: VFile, source: YamlSource, schemaRef: string, ruleId: RuleId, label: string): boolean {
  if (source.data === undefined) return false;
  const validate = validatorFor(schemaRef);
  if (validate(source.data)) return true;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf');
  const seen = new Set<string>();
  for (const error of errors) {
    const path = pathOf(error);
    const params = error.params as Record<string, unknown>;
    let place: Point | undefined;
    let where: string;
    if (error.keyword === 'additionalProperties') {
      const keyPath = [...path, String(params.additionalProperty)];
      place = placeOf(source, keyPath, true);
      where = `${label} ${path.length ? describePath(path) : ''}`.trim();
    } else if (error.keyword === 'required') {
      place = placeOf(source, path, true) ?? { line: 1 + source.lineOffset, column: 1 };
      where = path.length ? `${label} ${describePath(path)}` : label;
    } else {
      place = placeOf(source, path);
      where = `'${describePath(path)}' of ${label}`;
    }
    const reason = describeError(error, where);
    const key = `${place?.line}:${place?.column}:${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(file, 'error', ruleId, reason, place);
  }
  return false;
}
