/**
 * The four starter programs (depresjon, sovn, stress, gad): each compiles without
 * errors or warnings, has the shared measurement plan (PHQ-9 and GAD-7 at start and
 * end, its main instrument along the way, its check-in, the shared evaluation), and
 * a part 1 that stands on its own (a safety note with the urgent-help numbers and at
 * least one exercise).
 */
import { describe, expect, it } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import { summariseNight } from '../../engine/exercises/sleep-diary.ts';
import type { CompiledExercise, CompiledProgram, NoteBlock } from '../../schemas/types.ts';

interface Starter {
  id: string;
  title: string;
  main: string;
  checkin: string[];
}

const starters: Starter[] = [
  { id: 'depresjon', title: 'Mestring av depresjon', main: 'phq9', checkin: ['mood', 'energy', 'activity'] },
  { id: 'sovn', title: 'Bedre søvn', main: 'bis', checkin: ['sleep-quality', 'tiredness', 'sleep-worry'] },
  { id: 'stress', title: 'Mestring av stress', main: 'pss10', checkin: ['stress', 'recovery', 'mood'] },
  // gad: PSWQ has no time frame (start and end only); GAD-7 is the instrument along the way.
  { id: 'gad', title: 'Mestring av bekymring', main: 'gad7', checkin: ['worry', 'worry-time', 'anxiety'] },
];

/** Compiles one pack; fails the test with every error and warning, located. */
function compile(id: string): CompiledProgram {
  const { programs, files } = compileTree([`programs/${id}`]);
  const problems = files.flatMap((file) =>
    file.messages
      .filter((m) => m.fatal === true || m.fatal === false)
      .map((m) => `${file.path}:${m.line ?? '?'}:${m.column ?? '?'} ${m.fatal ? 'error' : 'warning'} ${m.reason} (${m.ruleId})`),
  );
  expect(problems).toEqual([]);
  const program = programs.find((p) => p.id === id);
  expect(program, `programs/${id} did not compile`).toBeDefined();
  return program as CompiledProgram;
}

describe.each(starters)('programs/$id', ({ id, title, main, checkin }) => {
  it('compiles with no errors and no warnings', () => {
    const program = compile(id);
    expect(program.title).toBe(title);
    expect(program.locale).toBe('nb');
  });

  it('measures PHQ-9, GAD-7 and its main instrument at start and end', () => {
    const { measurement } = compile(id);
    for (const list of [measurement.start, measurement.end]) {
      expect(list).toContain('phq9');
      expect(list).toContain('gad7');
      expect(list).toContain(main);
    }
  });

  it(`repeats ${main} along the way`, () => {
    const { measurement } = compile(id);
    expect(measurement.repeated.map((r) => r.instrument)).toContain(main);
  });

  it('has its check-in and the shared evaluation', () => {
    const program = compile(id);
    expect(program.measurement.checkin).toBe('checkin');
    const form = program.instruments.checkin;
    expect(form?.items.map((item) => item.id)).toEqual(checkin);
    for (const item of form?.items ?? []) {
      expect(item).toMatchObject({ type: 'scale', min: 0, max: 10 });
      expect(item.anchors).toHaveLength(2);
    }
    expect(program.measurement.evaluation).toBe('evaluation');
    expect(program.instruments.evaluation).toBeDefined();
  });

  it('has a part 1 with a safety note and at least one exercise', () => {
    const program = compile(id);
    const part1 = program.sections[0];
    expect(part1?.number).toBe(1);
    const blocks = part1?.blocks ?? [];

    const safety = blocks.filter((b): b is NoteBlock => b.type === 'note' && b.kind === 'safety');
    expect(safety.length).toBeGreaterThan(0);
    expect(safety.some((note) => note.html.includes('113'))).toBe(true);
    const html = safety.map((note) => note.html).join('\n');
    for (const number of ['116 117', '116 123', '22 40 00 40']) expect(html).toContain(number);

    const exercises = blocks.filter((b): b is CompiledExercise => b.type === 'exercise');
    expect(exercises.length).toBeGreaterThan(0);
    // The goals exercise: required, with a scale rating.
    const goals = exercises.find((e) => e.id === 'goals');
    expect(goals?.required).toBe(true);
    expect(goals?.fields.some((f) => f.type === 'scale')).toBe(true);
    expect(part1?.requirements.exercises.map((e) => e.id)).toContain('goals');
  });
});

describe('programs/sovn part 1', () => {
  it('starts the sleep diary', () => {
    const program = compile('sovn');
    const diary = program.sections[0]?.blocks.find((b): b is CompiledExercise => b.type === 'exercise' && b.kind === 'sleep-diary');
    expect(diary?.id).toBe('sleep-diary');
    expect(diary?.repeatable).toBe(true);
  });

  it("computes the worked example (Randi's night) as the text says", () => {
    // 22:30 to bed, lights out 23:00, 45 min to fall asleep, 45 min awake, last woke 05:30, up 07:00.
    const night = summariseNight({
      'in-bed': '22:30',
      'lights-out': '23:00',
      'sleep-latency': 45,
      'awake-during-night': 45,
      'final-wake': '05:30',
      'out-of-bed': '07:00',
    });
    expect(night).toEqual({ timeInBed: 510, totalSleepTime: 300, sleepEfficiency: 58.8 });
    const text = compile('sovn').sections[0]?.blocks.map((b) => ('html' in b ? b.html : '')).join('\n') ?? '';
    expect(text).toContain('8 timer og 30 minutter');
    expect(text).toContain('sov hun 5 timer');
    expect(text).toContain('58,8 prosent');
  });
});
