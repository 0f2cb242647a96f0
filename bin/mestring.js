#!/usr/bin/env node
// Entry point of the `mestring` CLI. It runs the compiled JavaScript in dist/ (built by
// `npm install` through the `prepare` script); when dist/ is missing or older than the
// TypeScript sources (a fresh checkout, an edit, a pull) it is rebuilt first, which takes
// about a second. See docs/operations.md, "Compiled start-up".
import { distDir, ensureDist } from './build-dist.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

try {
  await ensureDist();
} catch (error) {
  // A read-only installation may hold an older build it cannot replace: run that one.
  if (!existsSync(join(distDir, 'mestring.js'))) throw error;
  process.stderr.write(`mestring: could not rebuild dist/ (${error.message}); running the existing build\n`);
}
const { main } = await import(pathToFileURL(join(distDir, 'mestring.js')).href);
process.exitCode = await main(process.argv.slice(2));
