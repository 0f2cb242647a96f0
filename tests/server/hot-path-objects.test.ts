/**
 * The code every person's request runs builds no object as a spread followed by more
 * members (`{ ...base, state }`). On Node 20, V8 copies such an object through a slow
 * path, about 2 µs each against some 30 ns written out: part states were built so, and
 * cost about 90 µs of every request of a person in an eight-part program
 * (docs/performance.md, "Fifth round"). `{ ...x }` alone and `{ a, ...x }` are fast.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../engine/project-root.ts';

const folders = ['engine/progress', 'server/middleware'];
const files = [
  'engine/living/personalize.ts', 'server/person-progress.ts', 'server/safety.ts',
  'server/store/prepared.ts', 'server/store/executor.ts', 'server/store/progress.ts', 'server/store/codes.ts', 'server/store/groups.ts', 'server/store/appointments.ts',
  'server/routes/me.ts', 'server/routes/me-answers.ts', 'server/routes/views.ts',
];

function sources(): string[] {
  const found = [...files];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(projectRoot, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) found.push(path);
    }
  };
  for (const folder of folders) walk(folder);
  return found;
}

// An object literal that opens with a spread and goes on after a comma. A rest pattern
// (`const { a, ...rest } =`) opens with a name, so it does not match.
const spreadThenMore = /\{\s*\.\.\.[\w$.?]+(?:\([^()]*\))?\s*,/g;

describe("the person's request path", () => {
  it('builds no object as a spread followed by more members', () => {
    const list = sources();
    expect(list.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const file of list) {
      const text = readFileSync(join(projectRoot, file), 'utf8');
      for (const match of text.matchAll(spreadThenMore)) {
        const line = text.slice(0, match.index).split('\n').length;
        // Comments and examples may show the pattern.
        if (/^\s*(\*|\/\/)/.test(text.split('\n')[line - 1]!)) continue;
        found.push(`${file}:${line}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('finds the pattern where it is (the check can fail)', () => {
    const sample = 'const state = { ...base, state: "locked" };\nconst fine = { id, ...rest };\nconst { a, ...others } = row;';
    expect([...sample.matchAll(spreadThenMore)].map((m) => m[0])).toEqual(['{ ...base,']);
  });
});
