/**
 * The project's root folder (the one holding package.json), found by walking up from
 * this module. The same code runs from the TypeScript sources (tests, tsx) and from the
 * compiled JavaScript in dist/, one folder deeper, so data folders (schemas/, web/) are
 * found from here rather than by a fixed number of `../`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Absolute path of the project's root folder. */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Absolute path of `parts` under the project's root folder. */
export const fromRoot = (...parts: string[]): string => join(projectRoot, ...parts);
