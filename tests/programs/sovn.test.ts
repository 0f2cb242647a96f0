/**
 * programs/sovn ("Bedre søvn", CBT for insomnia): compiles with no errors or
 * warnings, has 6-8 substantial parts, a first part with the urgent-help numbers
 * and a sleep diary that needs 7 nights before the sleep window is set, the core
 * exercises (sleep diary, rules for the night, sleep window, weekly window
 * adjustment, thought record for sleep) with the right kinds and fields, worked
 * examples whose numbers match the engine's sleep arithmetic, a last part with
 * the staying-well plan, and the shared measurement plan with BIS weekly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, field, findExercise, loadProgram, notesOf, textOf } from './pack.ts';
import { sleepWindow, summariseNight, type SleepDiaryNight } from '../../engine/exercises/sleep-diary.ts';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection } from '../../schemas/types.ts';

let program: CompiledProgram;

beforeAll(() => {
  ({ program } = loadProgram('sovn'));
});

const allExercises = (): CompiledExercise[] => program.sections.flatMap(exercisesOf);
const urgent = [
  ['113', 'tel:113'],
  ['116 117', 'tel:116117'],
  ['116 123', 'tel:116123'],
  ['22 40 00 40', 'tel:22400040'],
] as const;

const exercise = (id: string) => findExercise(program, id);

function expectRating(f: CompiledField): void {
  expect(f.type, `${f.id} is a scale`).toBe('scale');
  expect(f.min, `${f.id} starts at 0`).toBe(0);
  expect(f.max, `${f.id} ends at 10`).toBe(10);
  expect(f.anchors).toHaveLength(2);
}

function expectSafetyNumbers(section: CompiledSection): void {
  const html = notesOf(section)
    .filter((n) => n.kind === 'safety')
    .map((n) => n.html)
    .join(' ');
  for (const [number, tel] of urgent) {
    expect(html, `part ${section.id}: ${number} in a safety note`).toContain(number);
    expect(html, `part ${section.id}: ${tel} link`).toContain(`href="${tel}"`);
  }
}

/** Randi's seven nights in part 3: to bed 22:30, lights out 23:00, up 06:30. */
const randi: [latency: number, awake: number, finalWake: string, slept: string, efficiency: string][] = [
  [40, 20, '05:30', '5 t 30 min', '68,8 %'],
  [30, 45, '06:00', '5 t 45 min', '71,9 %'],
  [40, 30, '05:45', '5 t 35 min', '69,8 %'],
  [20, 40, '06:15', '6 t 15 min', '78,1 %'],
  [25, 50, '06:00', '5 t 45 min', '71,9 %'],
  [15, 30, '06:30', '6 t 45 min', '84,4 %'],
  [30, 20, '06:15', '6 t 25 min', '80,2 %'],
];
const randiNights: SleepDiaryNight[] = randi.map(([latency, awake, finalWake]) => ({
  'in-bed': '22:30',
  'lights-out': '23:00',
  'sleep-latency': latency,
  'awake-during-night': awake,
  'final-wake': finalWake,
  'out-of-bed': '06:30',
}));

describe('programs/sovn', () => {
  it('part 1 explains consent and gives every urgent-help number in a safety note', () => {
    const first = program.sections[0] as CompiledSection;
    expect(textOf(first)).toMatch(/Innstillinger/);
    expectSafetyNumbers(first);
  });

  it('parts that ask for hard changes or touch dark thoughts say where to get help now', () => {
    for (const id of ['sovnvinduet', 'tankene']) {
      const section = program.sections.find((s) => s.id === id);
      expect(section, `part ${id}`).toBeDefined();
      expectSafetyNumbers(section as CompiledSection);
    }
  });

  it('the last part holds the required staying-well plan, the urgent numbers and the end evaluation', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const plan = exercisesOf(last).find((e) => e.id === 'staying-well-plan');
    expect(plan, 'staying-well-plan in the last part').toBeDefined();
    expect(plan?.kind).toBe('plan');
    expect(plan?.required).toBe(true);
    expect(last.requirements.exercises).toContainEqual({ id: 'staying-well-plan', minEntries: 1 });
    for (const id of ['warning-signs', 'what-helps', 'if-worse', 'contacts']) {
      expect(field(plan as CompiledExercise, id).required, `plan field ${id} is required`).toBe(true);
    }
    expectSafetyNumbers(last);
    expect(textOf(last)).toMatch(/Sluttevaluering/);
    // What to do after a few bad nights: no catching up, fixed rise time, a new window from 7 diary nights.
    expect(textOf(last)).toMatch(/Ikke ta igjen/);
    expect(textOf(last)).toMatch(/7 netter/);
  });

  it('keeps the sleep diary from part 1 and needs 7 nights of it before the sleep window', () => {
    const { exercise: diary, section } = exercise('sleep-diary');
    expect(section.number).toBe(1);
    expect(diary.kind).toBe('sleep-diary');
    expect(diary.repeatable).toBe(true);
    expect(diary.required).toBe(true);
    expect(diary.minEntries).toBeGreaterThanOrEqual(7);
    expect(section.requirements.exercises).toContainEqual({ id: 'sleep-diary', minEntries: diary.minEntries });
    const types: Record<string, CompiledField['type']> = {
      night: 'date',
      'in-bed': 'time',
      'lights-out': 'time',
      'sleep-latency': 'duration',
      'awake-during-night': 'duration',
      'final-wake': 'time',
      'out-of-bed': 'time',
      naps: 'duration',
    };
    for (const [id, type] of Object.entries(types)) expect(field(diary, id).type, `diary field ${id}`).toBe(type);
    // Every part after part 1 opens only once part 1 (and so the 7 diary nights) is complete.
    expect(exercise('sleep-window').section.number).toBeGreaterThan(section.number);
  });

  it('has the rules for the night (stimulus control) as a required form with a fixed rise time', () => {
    const { exercise: rules, section } = exercise('stimulus-plan');
    expect(rules.kind).toBe('form');
    expect(rules.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'stimulus-plan', minEntries: 1 });
    expect(field(rules, 'rise-time')).toMatchObject({ type: 'time', required: true });
    expect(field(rules, 'quiet-activities').required).toBe(true);
    expect(field(rules, 'nap-plan').type).toBe('choice');
    const text = textOf(section);
    expect(text).toMatch(/20 minutter/);
    expect(text).toMatch(/samme tid hver morgen/);
    expect(text).toMatch(/lur/);
  });

  it('has the sleep window as a required form anchored on the rise time, never below 5 hours', () => {
    const { exercise: window, section } = exercise('sleep-window');
    expect(window.kind).toBe('form');
    expect(window.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'sleep-window', minEntries: 1 });
    expect(field(window, 'nights-counted')).toMatchObject({ type: 'number', min: 7, required: true });
    for (const id of ['average-sleep', 'window-length']) expect(field(window, id)).toMatchObject({ type: 'duration', required: true });
    for (const id of ['rise-time', 'bedtime']) expect(field(window, id)).toMatchObject({ type: 'time', required: true });
    const text = textOf(section);
    expect(text).toMatch(/7 nettene/);
    expect(text).toMatch(/aldri være kortere enn 5 timer/);
    const warning = notesOf(section).filter((n) => n.kind === 'warning').map((n) => n.html).join(' ');
    expect(warning, 'a warning about sleepiness and driving').toMatch(/Kjør ikke bil/);
  });

  it("computes Randi's worked sleep window as part 3 says", () => {
    const part = exercise('sleep-window').section;
    const text = textOf(part);
    randiNights.forEach((night, i) => {
      const [, , , slept, efficiency] = randi[i] as (typeof randi)[number];
      const summary = summariseNight(night);
      const [h, m] = [Math.floor(summary.totalSleepTime / 60), summary.totalSleepTime % 60];
      expect(slept).toBe(`${h} t ${m} min`);
      expect(efficiency).toBe(`${String(summary.sleepEfficiency).replace('.', ',')} %`);
      expect(text).toContain(slept);
      expect(text).toContain(efficiency);
    });
    expect(randiNights.reduce((sum, n) => sum + summariseNight(n).totalSleepTime, 0)).toBe(42 * 60);
    expect(sleepWindow(randiNights, '06:30')).toEqual({ minutes: 360, bedtime: '00:30', riseTime: '06:30', nights: 7 });
    expect(text).toContain('sov Randi 42 timer');
    expect(text).toContain('Søvnvinduet hennes ble derfor 6 timer');
    expect(text).toContain('kl. 00:30');
  });

  it("gives Jonas the 5-hour minimum window as part 3 says", () => {
    // An average of 4 h 40 min: seven nights of 280 minutes.
    const night: SleepDiaryNight = { 'in-bed': '23:00', 'lights-out': '23:00', 'sleep-latency': 60, 'awake-during-night': 125, 'final-wake': '06:45', 'out-of-bed': '06:45' };
    expect(summariseNight(night).totalSleepTime).toBe(280);
    expect(sleepWindow(Array(7).fill(night), '06:45')).toMatchObject({ minutes: 300, bedtime: '01:45' });
    const text = textOf(exercise('sleep-window').section);
    expect(text).toContain('4 timer og 40 minutter');
    expect(text).toContain('kl. 01:45');
  });

  it('adjusts the window weekly: a required log, a week after the window is set, with the 85/90 % rule', () => {
    const { exercise: review, section } = exercise('window-review');
    expect(review.kind).toBe('log');
    expect(review.repeatable).toBe(true);
    expect(review.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'window-review', minEntries: review.minEntries });
    expect(section.unlock.minDaysAfterPrevious).toBeGreaterThanOrEqual(7);
    expect(field(review, 'week-start')).toMatchObject({ type: 'date', required: true });
    expect(field(review, 'average-efficiency')).toMatchObject({ type: 'number', min: 0, max: 100, required: true });
    expect(field(review, 'decision').options?.map((o) => o.value)).toEqual(['widen', 'keep', 'narrow']);
    expect(field(review, 'window-length')).toMatchObject({ type: 'duration', required: true });
    for (const id of ['rise-time', 'bedtime']) expect(field(review, id)).toMatchObject({ type: 'time', required: true });
    expectRating(field(review, 'daytime-sleepiness'));
    const text = textOf(section);
    expect(text).toMatch(/90 prosent eller mer/);
    expect(text).toMatch(/Under 85 prosent/);
    expect(text).toMatch(/15 minutter/);
    expect(text).toMatch(/aldri kortere enn 5 timer/);
    // Wind-down and habits are taught as support.
    expect(exercise('wind-down-plan').section.id).toBe(section.id);
    for (const word of ['Koffein', 'Alkohol', 'Skjermer', 'Lys']) expect(text).toContain(word);
  });

  it('has the thought record for sleep as a required log with 0-10 ratings before and after', () => {
    const { exercise: record, section } = exercise('sleep-thought-record');
    expect(record.kind).toBe('log');
    expect(record.repeatable).toBe(true);
    expect(record.required).toBe(true);
    expect(record.minEntries).toBeGreaterThanOrEqual(3);
    expect(section.requirements.exercises).toContainEqual({ id: 'sleep-thought-record', minEntries: record.minEntries });
    for (const id of ['situation', 'thought', 'new-thought']) expect(field(record, id)).toMatchObject({ type: 'longtext', required: true });
    for (const id of ['belief-before', 'distress-before', 'belief-after', 'distress-after']) {
      expectRating(field(record, id));
      expect(field(record, id).required).toBe(true);
    }
    expect(textOf(section)).toMatch(/prøve hardt å sove/);
  });

  it('teaches in order: diary, rules for the night, window, adjustment, thoughts, plan', () => {
    const at = (id: string) => exercise(id).section.number;
    const order = ['sleep-diary', 'stimulus-plan', 'sleep-window', 'window-review', 'sleep-thought-record', 'staying-well-plan'].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(at('sleep-diary')).toBeLessThan(at('sleep-window'));
    expect(at('stimulus-plan')).toBeLessThanOrEqual(at('sleep-window'));
    expect(at('sleep-window')).toBeLessThan(at('window-review'));
    expect(at('staying-well-plan')).toBe(program.sections.length);
  });

  it('uses fitting field types: 0-10 ratings, clock times as time, minutes as duration', () => {
    const clockTimes = new Set(['in-bed', 'lights-out', 'final-wake', 'out-of-bed', 'rise-time', 'bedtime', 'start']);
    const minutes = new Set(['sleep-latency', 'awake-during-night', 'naps', 'average-sleep', 'window-length', 'length']);
    let checked = 0;
    for (const ex of allExercises()) {
      for (const f of ex.fields) {
        if (f.type === 'scale') expectRating(f);
        if (clockTimes.has(f.id)) expect(f.type, `${ex.id}#${f.id}`).toBe('time');
        if (minutes.has(f.id)) expect(f.type, `${ex.id}#${f.id}`).toBe('duration');
        if (clockTimes.has(f.id) || minutes.has(f.id)) checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('measures PHQ-9, GAD-7 and BIS at start and end, BIS weekly, and ends with the evaluation', () => {
    const { measurement, instruments } = program;
    for (const list of [measurement.start, measurement.end]) {
      expect(list).toContain('phq9');
      expect(list).toContain('gad7');
      expect(list).toContain('bis');
    }
    expect(measurement.repeated).toContainEqual({ instrument: 'bis', every: 'week' });
    expect(measurement.evaluation).toBe('evaluation');
    for (const id of ['phq9', 'gad7', 'bis', 'evaluation', 'checkin']) expect(instruments[id], `instrument ${id}`).toBeDefined();
  });

  it('has the three check-in ratings: sleep quality, tiredness, sleep worry', () => {
    const checkin = program.instruments[program.measurement.checkin];
    expect(checkin?.items.map((i) => i.id)).toEqual(['sleep-quality', 'tiredness', 'sleep-worry']);
    for (const item of checkin?.items ?? []) {
      expect(item).toMatchObject({ type: 'scale', min: 0, max: 10 });
      expect(item.anchors).toHaveLength(2);
    }
  });
});
