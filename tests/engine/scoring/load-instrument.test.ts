/** The checks on scoring rules that the schema cannot express, and the shipped files themselves. */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { loadInstrument } from '../../../engine/instruments/load-instrument.ts';
import { loadedFiles } from './instruments.ts';

const base = `id: demo
name: Demo
title: Demo
version: "1"
kind: scored
licence: { status: project, note: n }
wording: { source: adapted, note: n }
options:
  - { value: 0, label: a }
  - { value: 1, label: b }
  - { value: 2, label: c }
items:
  - { id: q1, text: a }
  - { id: q2, text: b }
  - { id: q3, text: c, type: scale, min: 0, max: 2 }
`;

function problems(scoring: string, kind = 'scored'): string[] {
  const file = new VFile({ path: 'demo.yaml', value: base.replace('kind: scored', `kind: ${kind}`) + scoring });
  loadInstrument(file);
  return file.messages.map((m) => `${m.line}:${m.ruleId}`);
}

describe('scoring rule checks', () => {
  it('accepts bands covering 0-6 exactly', () => {
    expect(problems('scoring:\n  total:\n    bands:\n      - { id: low, min: 0, max: 3, label: l }\n      - { id: high, min: 4, max: 6, label: h }\n')).toEqual([]);
  });
  it('reports overlapping bands at the band', () => {
    expect(problems('scoring:\n  total:\n    bands:\n      - { id: low, min: 0, max: 3, label: l }\n      - { id: high, min: 3, max: 6, label: h }\n')).toEqual(['20:scoring-band-overlap']);
  });
  it('reports a gap, a short range and bands past the maximum', () => {
    expect(problems('scoring:\n  total:\n    bands:\n      - { id: low, min: 0, max: 2, label: l }\n      - { id: high, min: 4, max: 6, label: h }\n')).toEqual(['20:scoring-band-gap']);
    expect(problems('scoring:\n  total:\n    bands:\n      - { id: low, min: 0, max: 5, label: l }\n')).toEqual(['19:scoring-band-gap']);
    expect(problems('scoring:\n  total:\n    bands:\n      - { id: low, min: 0, max: 7, label: l }\n')).toEqual(['19:scoring-band-gap']);
  });
  it('uses the multiplier for the range', () => {
    expect(problems('scoring:\n  subscales:\n    - id: s\n      name: S\n      items: [q1, q2]\n      multiplier: 2\n      bands:\n        - { id: all, min: 0, max: 8, label: a }\n')).toEqual([]);
  });
  it('reports unknown items in every rule', () => {
    expect(problems('scoring:\n  reverse: [q9]\n  total: { items: [q1, q8] }\n  flags:\n    - { id: risk, item: q7, atLeast: 1 }\n')).toEqual(['17:scoring-item-unknown', '18:scoring-item-unknown', '20:scoring-item-unknown']);
  });
  it('reports reverse scoring of a scale item', () => {
    expect(problems('scoring:\n  reverse: [q3]\n  total: {}\n')).toEqual(['17:scoring-reverse-invalid']);
  });
  it('requires scoring on a scored instrument and none on a form', () => {
    expect(problems('')).toEqual(['5:scoring-missing']);
    expect(problems('scoring:\n  total: {}\n', 'form').map((p) => p.split(':')[1])).toEqual(['scoring-missing']);
  });
  it('rejects unknown keys in scoring through the schema', () => {
    expect(problems('scoring:\n  total: {}\n  cutoff: 3\n').map((p) => p.split(':')[1])).toEqual(['instrument-schema']);
  });
});

describe('shipped instruments', () => {
  it('all load without a message, with their English translations', () => {
    // 11 instruments and forms, and the English wording of each (locales/en/).
    expect(loadedFiles.length).toBe(22);
    expect(loadedFiles.flatMap((f) => f.messages.map(String))).toEqual([]);
  });
});
