/**
 * Splits a section file into front matter and Markdown body, and parses the body
 * with remark-directive. Front matter lines are blanked, not cut, so that every
 * position in the body tree is the position in the file.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import { parseWithTables, remarkTables } from './remark-tables.ts';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { readYaml, type YamlSource } from './validate-yaml.ts';
import { report } from '../diagnostics.ts';

export interface ParsedSection {
  frontMatter: YamlSource | undefined;
  tree: Root;
  /** The body as parsed (front matter blanked): slice it with node offsets. */
  body: string;
}

// Tables are the one GFM syntax in the format; directives give exercises, fields, questionnaires and notes.
const parser = unified().use(remarkParse).use(remarkTables).use(remarkDirective);

/** Parses one section file; reports a missing or unreadable front matter on the file. */
export function parseSection(file: VFile): ParsedSection {
  const { frontMatter, body } = splitSection(file);
  return { frontMatter, tree: parseBody(body), body };
}

/**
 * The front matter (read) and the body (front matter lines blanked) of a section file,
 * without parsing the Markdown: a program's part ids are known before any part is
 * parsed, and then only one part's tree at a time need be held.
 */
export function splitSection(file: VFile): Omit<ParsedSection, 'tree'> {
  const text = String(file.value).replace(/\r\n?/g, '\n');
  let frontMatter: YamlSource | undefined;
  let body = text;
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (match) {
    frontMatter = readYaml(file, match[1] ?? '', 1);
    const blank = match[0].replace(/[^\n]/g, '');
    body = blank + text.slice(match[0].length);
  } else {
    report(file, 'error', 'front-matter-missing', 'Missing front matter, expected the file to start with a --- line, then id, title, summary and estimatedMinutes, then ---', { line: 1, column: 1 });
  }
  return { frontMatter, body };
}

/** The Markdown tree of a section's body (as returned by {@link splitSection}). */
export function parseBody(body: string): Root {
  return parseWithTables(body, (text) => parser.parse(text) as Root);
}
