/**
 * Every compiler diagnostic has a fixture case in fixtures/<case>/ (laid over
 * fixtures/_base) with the exact file:line:column, severity and rule id expected.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../engine/index.ts';
import { compileFixture, expectedOf, fixturesDir } from './fixture-pack.ts';

const cases = readdirSync(fixturesDir).filter((name) => !name.startsWith('_')).sort();

describe('compiler diagnostics', () => {
  it('compiles the base pack with no diagnostics', () => {
    const { diagnostics, program } = compileFixture(undefined);
    expect(diagnostics).toEqual([]);
    expect(program?.sections.map((s) => s.id)).toEqual(['start', 'videre']);
  });

  for (const name of cases) {
    it(`reports ${name}`, () => {
      const { diagnostics, program } = compileFixture(name);
      expect(diagnostics.map((d) => d.line)).toEqual(expectedOf(name));
      if (diagnostics.some((d) => d.line.includes(' error '))) expect(program).toBeUndefined();
      // Messages say what was found and what was expected.
      for (const d of diagnostics) expect(d.reason).toMatch(/expected/);
    });
  }

  it('has a fixture for every compiler rule', () => {
    const covered = new Set(cases.flatMap((name) => expectedOf(name).map((line) => line.split(' ').pop())));
    // Instrument, scoring and overlay rules are covered by the instrument tests.
    const compilerRules = Object.keys(rules).filter((id) => !/^(instrument|overlay|scoring)-/.test(id));
    expect(compilerRules.filter((id) => !covered.has(id))).toEqual([]);
  });
});
