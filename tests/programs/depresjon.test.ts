/**
 * programs/depresjon ("Mestring av depresjon"): compiles with no errors or warnings,
 * has 6-8 substantial parts, a first part with the urgent-help numbers, a last part
 * with the staying-well plan, the core exercises (activity log, activity plan, values,
 * graded task, thought record, rumination log, problem solving, daily rhythm) with the
 * right kinds and fields, taught in order, and the shared measurement plan with PHQ-9
 * weekly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, field, findExercise, loadProgram, notesOf, textOf } from './pack.ts';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection } from '../../schemas/types.ts';

let program: CompiledProgram;
let problems: string[];

beforeAll(() => {
  ({ program, problems } = loadProgram('depresjon'));
});

const URGENT: Array<[string, string]> = [
  ['113', 'tel:113'],
  ['116 117', 'tel:116117'],
  ['116 123', 'tel:116123'],
  ['22 40 00 40', 'tel:22400040'],
];

const allExercises = (): CompiledExercise[] => program.sections.flatMap(exercisesOf);
const safetyHtml = (section: CompiledSection): string =>
  notesOf(section)
    .filter((n) => n.kind === 'safety')
    .map((n) => n.html)
    .join(' ');

const exercise = (id: string) => findExercise(program, id);

function expectRating(f: CompiledField): void {
  expect(f.type, `${f.id} is a scale`).toBe('scale');
  expect(f.min).toBe(0);
  expect(f.max).toBe(10);
}

/** A required exercise of the given kind, counted in its part's requirements. */
function expectRequired(id: string, kind: string, minEntries = 1): CompiledExercise {
  const { exercise: ex, section } = exercise(id);
  expect(ex.kind, `${id} kind`).toBe(kind);
  expect(ex.required, `${id} is required`).toBe(true);
  expect(ex.minEntries, `${id} minEntries`).toBeGreaterThanOrEqual(minEntries);
  expect(section.requirements.exercises).toContainEqual({ id, minEntries: ex.minEntries });
  if (kind === 'log' || kind === 'ladder') expect(ex.repeatable, `${id} is repeatable`).toBe(true);
  return ex;
}

describe('programs/depresjon', () => {
  it('ends every part with a summary of what to practise', () => {
    for (const section of program.sections) {
      expect(textOf(section), `part ${section.id} has a summary`).toMatch(/Oppsummering/);
    }
  });

  it('part 1 explains consent and gives every urgent-help number in a safety note', () => {
    const first = program.sections[0] as CompiledSection;
    expect(first.id).toBe('velkommen');
    expect(textOf(first)).toMatch(/Innstillinger/i);
    const html = safetyHtml(first);
    for (const [number, tel] of URGENT) {
      expect(html).toContain(number);
      expect(html).toContain(`href="${tel}"`);
    }
  });

  it('every part that takes up dark thoughts (thoughts, rumination) has a safety note with the helplines', () => {
    for (const id of ['thought-record', 'rumination-log']) {
      const html = safetyHtml(exercise(id).section);
      for (const [number, tel] of URGENT) {
        expect(html, `${id}: ${number}`).toContain(number);
        expect(html, `${id}: ${tel}`).toContain(`href="${tel}"`);
      }
    }
  });

  it('the last part holds the required staying-well plan and the urgent-help numbers', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const plan = exercisesOf(last).find((e) => e.id === 'staying-well-plan');
    expect(plan, 'staying-well-plan in the last part').toBeDefined();
    expect(plan?.kind).toBe('plan');
    expect(plan?.required).toBe(true);
    expect(last.requirements.exercises).toContainEqual({ id: 'staying-well-plan', minEntries: 1 });
    for (const id of ['warning-signs', 'what-helps', 'if-worse', 'contacts']) {
      expect(field(plan as CompiledExercise, id).required, `plan field ${id} is required`).toBe(true);
    }
    expect(field(plan as CompiledExercise, 'review-date').type).toBe('date');
    const html = safetyHtml(last);
    for (const [number, tel] of URGENT) {
      expect(html).toContain(number);
      expect(html).toContain(`href="${tel}"`);
    }
    expect(textOf(last)).toMatch(/evaluering/i);
  });

  it('keeps the permanent exercise ids of part 1: goals and the activity log', () => {
    const first = program.sections[0] as CompiledSection;
    expect(exercisesOf(first).map((e) => e.id)).toEqual(['goals', 'activity-log']);
    const goals = expectRequired('goals', 'form');
    expect(field(goals, 'goal-1').required).toBe(true);
    expectRating(field(goals, 'goal-1-importance'));
  });

  it('has the activity log as a required daily log with pleasure and mastery ratings', () => {
    const log = expectRequired('activity-log', 'log', 3);
    expect(field(log, 'day').type).toBe('date');
    expect(field(log, 'day').required).toBe(true);
    expect(field(log, 'activities').type).toBe('longtext');
    expect(field(log, 'activities').required).toBe(true);
    expectRating(field(log, 'pleasure'));
    expectRating(field(log, 'mastery'));
  });

  it('has the activity plan as a required log: day, clock time, minutes, predicted and actual ratings', () => {
    const plan = expectRequired('activity-plan', 'log', 3);
    expect(field(plan, 'day').type).toBe('date');
    expect(field(plan, 'day').required).toBe(true);
    expect(field(plan, 'time').type).toBe('time');
    expect(field(plan, 'duration').type).toBe('duration');
    expect(field(plan, 'activity').required).toBe(true);
    expect(field(plan, 'done').type).toBe('choice');
    for (const id of ['expected-pleasure', 'pleasure', 'mastery']) expectRating(field(plan, id));
    // Outcome fields are filled in afterwards, so they cannot be required when the plan is made.
    for (const id of ['done', 'pleasure', 'mastery']) expect(field(plan, id).required ?? false, id).toBe(false);
  });

  it('has values and a graded-task ladder with 0-10 difficulty', () => {
    const values = expectRequired('values', 'form');
    expect(field(values, 'valued-activities').required).toBe(true);
    expect(field(values, 'start-area').type).toBe('choice');
    expectRating(field(values, 'family-lived'));
    const ladder = expectRequired('graded-task', 'ladder', 3);
    expect(field(ladder, 'step').required).toBe(true);
    expectRating(field(ladder, 'difficulty'));
    expect(field(ladder, 'difficulty').required).toBe(true);
    expect(field(ladder, 'planned-day').type).toBe('date');
  });

  it('has the thought record as a required log with thought, thinking traps and a balanced alternative', () => {
    const record = expectRequired('thought-record', 'log', 3);
    for (const id of ['situation', 'thought', 'balanced']) {
      expect(field(record, id).type).toBe('longtext');
      expect(field(record, id).required, `${id} is required`).toBe(true);
    }
    expectRating(field(record, 'feeling-strength'));
    expect(field(record, 'feeling-strength').required).toBe(true);
    for (const id of ['belief', 'balanced-belief', 'feeling-after']) expectRating(field(record, id));
    expect(field(record, 'traps').type).toBe('multichoice');
    expect(field(record, 'traps').options?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(field(record, 'evidence-for').type).toBe('longtext');
    expect(field(record, 'evidence-against').type).toBe('longtext');
  });

  it('has the rumination log: when, how long, the why and the how, mood before and after', () => {
    const log = expectRequired('rumination-log', 'log', 3);
    expect(field(log, 'start-time').type).toBe('time');
    expect(field(log, 'duration').type).toBe('duration');
    expect(field(log, 'why').required).toBe(true);
    expect(field(log, 'how').type).toBe('longtext');
    expectRating(field(log, 'mood-before'));
    expectRating(field(log, 'mood-after'));
  });

  it('has structured problem solving with every step, repeatable for several problems', () => {
    const ps = expectRequired('problem-solving', 'form');
    expect(ps.repeatable).toBe(true);
    for (const id of ['problem', 'goal', 'ideas', 'plan']) expect(field(ps, id).required, `${id} is required`).toBe(true);
    for (const id of ['option-a-rating', 'option-b-rating', 'option-c-rating', 'result']) expectRating(field(ps, id));
    expect(field(ps, 'pros-cons').type).toBe('longtext');
    expect(field(ps, 'plan-day').type).toBe('date');
    expect(field(ps, 'plan-time').type).toBe('time');
    expect(field(ps, 'review').type).toBe('longtext');
  });

  it('has the daily-rhythm plan and log with clock times and minutes', () => {
    const plan = expectRequired('daily-rhythm', 'plan');
    expect(field(plan, 'rise-time').type).toBe('time');
    expect(field(plan, 'rise-time').required).toBe(true);
    expect(field(plan, 'daylight').type).toBe('duration');
    const log = expectRequired('rhythm-log', 'log', 3);
    expect(field(log, 'rise-time').type).toBe('time');
    expect(field(log, 'movement').type).toBe('duration');
    expectRating(field(log, 'sleep-quality'));
    expectRating(field(log, 'mood'));
  });

  it('teaches in order: log, plan, values and steps, thoughts, rumination, problem solving, staying well', () => {
    const at = (id: string) => exercise(id).section.number;
    const order = ['activity-log', 'activity-plan', 'graded-task', 'thought-record', 'rumination-log', 'problem-solving'];
    for (let i = 1; i < order.length; i++) {
      expect(at(order[i - 1] as string), `${order[i - 1]} before ${order[i]}`).toBeLessThan(at(order[i] as string));
    }
    expect(at('values')).toBeLessThanOrEqual(at('graded-task'));
    expect(at('staying-well-plan')).toBe(program.sections.length);
  });

  it('measures PHQ-9 and GAD-7 at start and end, PHQ-9 weekly, and ends with the evaluation', () => {
    const { measurement, instruments } = program;
    for (const list of [measurement.start, measurement.end]) {
      expect(list).toContain('phq9');
      expect(list).toContain('gad7');
    }
    expect(measurement.repeated).toContainEqual({ instrument: 'phq9', every: 'week' });
    expect(measurement.evaluation).toBe('evaluation');
    for (const id of ['phq9', 'gad7', 'evaluation', 'checkin']) expect(instruments[id], `instrument ${id}`).toBeDefined();
  });

  it('has the three check-in ratings: mood, energy, activity', () => {
    const checkin = program.instruments[program.measurement.checkin];
    expect(checkin).toBeDefined();
    expect(checkin?.items.map((i) => i.id)).toEqual(['mood', 'energy', 'activity']);
    for (const item of checkin?.items ?? []) {
      expect(item.type).toBe('scale');
      expect(item.min).toBe(0);
      expect(item.max).toBe(10);
      expect(item.anchors).toHaveLength(2);
    }
    const text = (checkin?.items ?? []).map((i) => i.text ?? '').join(' ');
    expect(text).toMatch(/humør/i);
    expect(text).toMatch(/energi/i);
    expect(text).toMatch(/glede eller mestring/i);
  });
});
