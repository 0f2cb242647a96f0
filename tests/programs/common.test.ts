/**
 * What every shipped program must have (the common requirements of the program issues
 * and the content guide): it compiles with no errors or warnings; 6-8 substantial parts,
 * each with subheadings, an exercise and a summary; every free-text field reminds the
 * person not to write names; every rating is 0-10 with two anchors; the measurement plan
 * has PHQ-9 and GAD-7 at start and end, PHQ-9 (with its risk item) at least every two
 * weeks, every repeat at its questionnaire's own time frame, a check-in of 0-10
 * ratings and the shared evaluation. Each program's own test checks what is its own.
 */
import { describe, expect, it } from 'vitest';
import { exercisesOf, loadProgram, textOf, wordsOf } from './pack.ts';

const programs = ['angst', 'depresjon', 'sovn', 'stress', 'gad'];

describe.each(programs)('programs/%s', (id) => {
  const { program, problems } = loadProgram(id);

  it('compiles with no errors and no warnings', () => {
    expect(problems).toEqual([]);
    expect(program, `programs/${id} did not compile`).toBeDefined();
    expect(program.locale).toBe('nb');
  });

  it('has 6 to 8 substantial parts, each with subheadings, an exercise and a summary', () => {
    expect(program.sections.length).toBeGreaterThanOrEqual(6);
    expect(program.sections.length).toBeLessThanOrEqual(8);
    program.sections.forEach((section, i) => {
      expect(section.number).toBe(i + 1);
      expect(exercisesOf(section).length, `part ${section.id} has an exercise`).toBeGreaterThan(0);
      expect(section.blocks.some((b) => b.type === 'html' && b.html.includes('<h2')), `part ${section.id} has subheadings`).toBe(true);
      expect(wordsOf(section), `part ${section.id} is teaching, not a stub`).toBeGreaterThanOrEqual(700);
      expect(textOf(section), `part ${section.id} sums up what to practise`).toMatch(/Oppsummering/);
    });
  });

  it('reminds the person not to write names in every free-text field', () => {
    for (const ex of program.sections.flatMap(exercisesOf)) {
      for (const f of ex.fields.filter((f) => f.type === 'text' || f.type === 'longtext')) {
        expect(f.help ?? '', `${ex.id}#${f.id}`).toMatch(/navn/);
      }
    }
  });

  it('measures PHQ-9 and GAD-7 at start and end, a 0-10 check-in and the evaluation', () => {
    const { measurement, instruments } = program;
    for (const list of [measurement.start, measurement.end]) expect(list).toEqual(expect.arrayContaining(['phq9', 'gad7']));
    expect(measurement.evaluation).toBe('evaluation');
    const checkin = instruments[measurement.checkin];
    expect(checkin?.items.length).toBeGreaterThanOrEqual(2);
    for (const item of checkin?.items ?? []) expect([item.type, item.min, item.max, item.anchors?.length]).toEqual(['scale', 0, 10, 2]);
  });

  it('asks PHQ-9 (and so its item 9 on self-harm) at least every two weeks along the way', () => {
    expect(program.measurement.repeated).toContainEqual({ instrument: 'phq9', every: expect.stringMatching(/^(week|2-weeks)$/) });
  });

  it('repeats each questionnaire at its own time frame: PSS-10 and BIS monthly, PSWQ never', () => {
    const every = Object.fromEntries(program.measurement.repeated.map((r) => [r.instrument, r.every]));
    for (const monthly of ['pss10', 'bis']) if (monthly in every) expect([monthly, every[monthly]]).toEqual([monthly, '4-weeks']);
    expect(every).not.toHaveProperty('pswq');
  });
});
