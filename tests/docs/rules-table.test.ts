/** docs/authoring.md lists every diagnostic rule id, and no id that does not exist. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rules } from '../../engine/index.ts';

it('documents every rule id in docs/authoring.md', () => {
  const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');
  const table = doc.slice(doc.indexOf('## Rule ids'));
  const documented = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(Object.keys(rules).sort());
});
