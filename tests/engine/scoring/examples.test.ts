/** Scoring examples as data: each is run through the real scorer by validate. */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { loadInstrument } from '../../../engine/instruments/load-instrument.ts';
import { compileTree } from '../../../engine/index.ts';
import { instrument, loadedFiles } from './instruments.ts';

const demo = `id: demo
name: Demo
title: Demo
version: "1"
kind: scored
licence: { status: project, note: n }
wording: { source: adapted, note: n }
options:
  - { value: 0, label: a }
  - { value: 1, label: b }
items:
  - { id: q1, text: a }
  - { id: q2, text: b }
scoring:
  total:
    bands:
      - { id: low, min: 0, max: 1, label: Lav }
      - { id: high, min: 2, max: 2, label: Høy }
  flags:
    - { id: risk, item: q2, atLeast: 1 }
examples:
`;

function problems(examples: string): string[] {
  const file = new VFile({ path: 'demo.yaml', value: demo + examples });
  loadInstrument(file);
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
}

describe('scoring examples', () => {
  it('accepts examples that agree with the rules', () => {
    expect(problems('  - { answers: { q1: 1, q2: 1 }, total: 2, band: high, flags: [risk] }\n  - { answers: { q1: 1, q2: 0 }, total: 1, band: low }\n')).toEqual([]);
  });

  it('reports a wrong total, band, flags and rejected answers at the example', () => {
    expect(problems([
      '  - { note: boundary, answers: { q1: 1, q2: 0 }, total: 2, band: high, flags: [risk] }',
      '  - { answers: { q1: 5, q2: 0 } }',
      '',
    ].join('\n'))).toEqual([
      "22:5 scoring-example-mismatch Example 1 (boundary): total 1, expected 2 as the example states",
      "22:5 scoring-example-mismatch Example 1 (boundary): band low, expected high as the example states",
      "22:5 scoring-example-mismatch Example 1 (boundary): flags [], expected [risk] as the example states",
      expect.stringMatching(/^23:5 scoring-example-mismatch Example 2: the answers are rejected \(.*\), expected answers the instrument allows$/),
    ]);
  });

  it('has at least two examples in every shipped instrument, including band boundaries, all agreeing', () => {
    expect(loadedFiles.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line} ${m.reason}`))).toEqual([]);
    for (const id of ['bis', 'dass21', 'evaluation', 'gad2', 'gad7', 'isi', 'phq2', 'phq9', 'pss10', 'pswq', 'wsas']) {
      const examples = instrument(id).examples ?? [];
      expect([id, examples.length >= 2]).toEqual([id, true]);
      // Every band with a lower neighbour has an example at its lowest score or at the neighbour's highest.
      const bands = instrument(id).scoring?.total?.bands ?? [];
      for (const band of bands.slice(1)) {
        const totals = examples.map((e) => e.total);
        const below = bands.find((b) => b.max === band.min - 1);
        expect([id, band.id, totals.includes(band.min) || totals.includes(below?.max)]).toEqual([id, band.id, true]);
      }
    }
  });

  it('keeps the examples out of the compiled program', () => {
    const { programs } = compileTree(['programs/depresjon']);
    expect(programs[0]!.instruments.phq9).not.toHaveProperty('examples');
  });
});
