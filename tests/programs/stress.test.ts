/**
 * programs/stress ("Mestring av stress"): compiles with no errors or warnings, has
 * 6-8 substantial parts, a first part with the urgent-help numbers, a last part with
 * the staying-well plan, the core exercises (stress log, stress signs, stressor map,
 * problem solving, relaxation log, recovery plan and log, boundary plan, thought
 * check) with the right kinds, requirements and fields, and a measurement plan in each
 * questionnaire's own time frame: PSS-10 every four weeks, PHQ-9 every two. The second
 * edition (issue 16): see-your-doctor notes before breathing, relaxation and harder
 * exercise, Vold- og overgrepslinjen in the boundaries part, what to do if the program
 * did not help and a text for relatives and colleagues, and the first edition's slips.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, field, findExercise, loadProgram, notesOf, textOf } from './pack.ts';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection } from '../../schemas/types.ts';

let program: CompiledProgram;

beforeAll(() => {
  ({ program } = loadProgram('stress'));
});

const URGENT: [string, string][] = [
  ['113', 'tel:113'],
  ['116 117', 'tel:116117'],
  ['116 123', 'tel:116123'],
  ['22 40 00 40', 'tel:22400040'],
];

const allExercises = (): CompiledExercise[] => program.sections.flatMap(exercisesOf);

const exercise = (id: string) => findExercise(program, id);

function expectRating(f: CompiledField): void {
  expect(f.type, `${f.id} is a scale`).toBe('scale');
  expect(f.min).toBe(0);
  expect(f.max).toBe(10);
  expect(f.anchors, `${f.id} has anchors`).toHaveLength(2);
}

/** A required, repeatable log with at least `min` entries, counted in its part's requirements. */
function expectRequiredLog(id: string, min: number): CompiledExercise {
  const { exercise: log, section } = exercise(id);
  expect(log.kind, `${id} kind`).toBe('log');
  expect(log.repeatable, `${id} repeatable`).toBe(true);
  expect(log.required, `${id} required`).toBe(true);
  expect(log.minEntries, `${id} minEntries`).toBeGreaterThanOrEqual(min);
  expect(section.requirements.exercises).toContainEqual({ id, minEntries: log.minEntries });
  return log;
}

function expectSafetyNumbers(html: string): void {
  for (const [number, tel] of URGENT) {
    expect(html).toContain(number);
    expect(html).toContain(`href="${tel}"`);
  }
}

describe('programs/stress', () => {
  it('keeps the permanent part ids in order', () => {
    expect(program.sections.map((s) => s.id)).toEqual([
      'velkommen',
      'alarmen',
      'pavirke',
      'pust',
      'pafyll',
      'grenser',
      'tanker',
      'veien-videre',
    ]);
  });

  it('part 1 explains consent and gives every urgent-help number in a safety note', () => {
    const first = program.sections[0] as CompiledSection;
    expect(textOf(first)).toMatch(/Innstillinger/);
    const safety = notesOf(first).filter((n) => n.kind === 'safety');
    expect(safety.length).toBeGreaterThan(0);
    expectSafetyNumbers(safety.map((n) => n.html).join(' '));
  });

  it('every safety note gives all the urgent-help numbers as tel: links', () => {
    const notes = program.sections.flatMap((s) => notesOf(s).filter((n) => n.kind === 'safety'));
    expect(notes.length).toBeGreaterThanOrEqual(program.sections.length - 2);
    for (const note of notes) expectSafetyNumbers(note.html);
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
    const safety = notesOf(last).filter((n) => n.kind === 'safety').map((n) => n.html).join(' ');
    expectSafetyNumbers(safety);
    expect(textOf(last)).toMatch(/evaluering/i);
  });

  it('keeps the goals from part 1: required, with 0-10 importance ratings', () => {
    const { exercise: goals, section } = exercise('goals');
    expect(section.number).toBe(1);
    expect(goals.kind).toBe('form');
    expect(goals.required).toBe(true);
    expect(field(goals, 'goal-1').required).toBe(true);
    expectRating(field(goals, 'goal-1-importance'));
  });

  it('has the stress log from part 1 as a required daily log', () => {
    const log = expectRequiredLog('stress-log', 3);
    expect(exercise('stress-log').section.number).toBe(1);
    expect(field(log, 'situation').type).toBe('longtext');
    expect(field(log, 'situation').required).toBe(true);
    expectRating(field(log, 'stress-level'));
    expect(field(log, 'stress-level').required).toBe(true);
    expect(field(log, 'signs').type).toBe('multichoice');
  });

  it('has the stress signs in four areas, the first sign and the battery', () => {
    const { exercise: signs } = exercise('stress-signs');
    expect(signs.kind).toBe('form');
    expect(signs.required).toBe(true);
    for (const id of ['body', 'feelings', 'thoughts', 'behaviour']) expect(field(signs, id).type).toBe('multichoice');
    expect(field(signs, 'first-sign').required).toBe(true);
    expectRating(field(signs, 'battery'));
    expect(field(signs, 'battery').required).toBe(true);
  });

  it('has the stressor map: what stresses me and whether I can influence it', () => {
    const map = expectRequiredLog('stressor-map', 3);
    expect(field(map, 'stressor').required).toBe(true);
    expectRating(field(map, 'stress-level'));
    const influence = field(map, 'influence');
    expect(influence.type).toBe('choice');
    expect(influence.required).toBe(true);
    expect(influence.options?.map((o) => o.value)).toEqual(['yes', 'partly', 'no']);
  });

  it('has structured problem solving as a required, repeatable form', () => {
    const { exercise: ps, section } = exercise('problem-solving');
    expect(ps.kind).toBe('form');
    expect(ps.repeatable).toBe(true);
    expect(ps.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'problem-solving', minEntries: 1 });
    for (const id of ['problem', 'goal', 'options', 'chosen', 'first-step']) {
      expect(field(ps, id).type).toBe('longtext');
      expect(field(ps, id).required, `problem-solving#${id} is required`).toBe(true);
    }
    expect(field(ps, 'result').required).toBe(false);
    expect(field(ps, 'start-date').type).toBe('date');
    expectRating(field(ps, 'stress-before'));
    expectRating(field(ps, 'stress-after'));
  });

  it('has the relaxation practice log with clock time, minutes and before/after ratings', () => {
    const log = expectRequiredLog('relaxation-log', 5);
    expect(field(log, 'date').type).toBe('date');
    expect(field(log, 'time').type).toBe('time');
    expect(field(log, 'duration').type).toBe('duration');
    expect(field(log, 'technique').type).toBe('choice');
    expect(field(log, 'technique').options?.map((o) => o.value)).toEqual(expect.arrayContaining(['breathing', 'pmr', 'short']));
    for (const id of ['tension-before', 'tension-after']) {
      expectRating(field(log, id));
      expect(field(log, id).required).toBe(true);
    }
  });

  it('has the recovery plan and the recovery log', () => {
    const { exercise: plan, section } = exercise('recovery-plan');
    expect(plan.kind).toBe('plan');
    expect(plan.required).toBe(true);
    for (const id of ['sleep', 'movement', 'pleasant', 'social', 'pauses']) expect(field(plan, id).type).toBe('longtext');
    expect(field(plan, 'this-week').required).toBe(true);
    const log = expectRequiredLog('recovery-log', 5);
    expect(exercise('recovery-log').section.number).toBe(section.number);
    expect(field(log, 'activity').required).toBe(true);
    expect(field(log, 'duration').type).toBe('duration');
    for (const id of ['energy-before', 'energy-after']) {
      expectRating(field(log, id));
      expect(field(log, id).required).toBe(true);
    }
  });

  it('has the boundary plan: what I will say, planned before and rated after', () => {
    const log = expectRequiredLog('boundary-plan', 2);
    expect(field(log, 'situation').required).toBe(true);
    expect(field(log, 'want').type).toBe('choice');
    expect(field(log, 'words').required).toBe(true);
    expect(field(log, 'when').type).toBe('date');
    expectRating(field(log, 'difficulty-before'));
    expect(field(log, 'difficulty-before').required).toBe(true);
    expectRating(field(log, 'difficulty-after'));
    expect(field(log, 'difficulty-after').required).toBe(false);
  });

  it('has the thought check for must-thoughts and perfectionism, with a balanced thought', () => {
    const log = expectRequiredLog('thought-check', 3);
    expect(field(log, 'thought').required).toBe(true);
    expect(field(log, 'balanced').required).toBe(true);
    expectRating(field(log, 'stress-level'));
    expect(field(log, 'trap').options?.map((o) => o.value)).toEqual(expect.arrayContaining(['must', 'perfectionism']));
  });

  it('teaches in order: log, signs, stressors, problem solving, then the plan last', () => {
    const at = (id: string) => exercise(id).section.number;
    expect(at('stress-log')).toBeLessThan(at('stress-signs'));
    expect(at('stress-signs')).toBeLessThanOrEqual(at('stressor-map'));
    expect(at('stressor-map')).toBeLessThanOrEqual(at('problem-solving'));
    expect(at('recovery-plan')).toBeLessThanOrEqual(at('recovery-log'));
    expect(at('staying-well-plan')).toBe(program.sections.length);
  });

  it('asks for ratings on 0-10 scales, and reminds the person not to write names in every free-text field', () => {
    for (const ex of allExercises()) {
      for (const f of ex.fields) {
        if (f.type === 'text' || f.type === 'longtext') expect(f.help ?? '', `${ex.id}#${f.id}`).toMatch(/navn/);
        if (f.type === 'scale') expectRating(f);
      }
    }
  });

  it('measures PHQ-9, GAD-7 and PSS-10 at start and end, PSS-10 every four weeks, PHQ-9 every two, and ends with the evaluation', () => {
    const { measurement, instruments } = program;
    expect(measurement.start).toEqual(['phq9', 'gad7', 'pss10']);
    expect(measurement.end).toEqual(['phq9', 'gad7', 'pss10']);
    // PSS-10 asks about the last month: never weekly. PHQ-9 every two weeks asks its item 9 (risk) along the way.
    expect(measurement.repeated).toEqual([
      { instrument: 'pss10', every: '4-weeks' },
      { instrument: 'phq9', every: '2-weeks' },
    ]);
    expect(measurement.evaluation).toBe('evaluation');
    for (const id of ['phq9', 'gad7', 'pss10', 'evaluation', 'checkin']) expect(instruments[id], `instrument ${id}`).toBeDefined();
  });

  it('part 1 explains both questionnaires in their own time frames, and the risk question', () => {
    const text = textOf(program.sections[0] as CompiledSection);
    expect(text).toMatch(/egen norske tilpasning av PHQ-9, og det spør om de siste to ukene\. Derfor kommer det annenhver uke/);
    expect(text).toMatch(/egen norske tilpasning av PSS-10, og det spør om den siste måneden\. Derfor kommer det hver fjerde uke/);
    expect(text).toMatch(/tanker om døden eller om å skade deg selv/);
    const all = program.sections.map(textOf).join(' ');
    expect(all).not.toMatch(/[Ee]n gang i uken svarer du|ukens spørreskjema|ukentlige spørreskjema/);
  });

  it('has the three check-in ratings: stress, recovery and mood today', () => {
    const checkin = program.instruments[program.measurement.checkin];
    expect(checkin).toBeDefined();
    expect(checkin?.items.map((i) => i.id)).toEqual(['stress', 'recovery', 'mood']);
    for (const item of checkin?.items ?? []) {
      expect(item.type).toBe('scale');
      expect(item.min).toBe(0);
      expect(item.max).toBe(10);
      expect(item.anchors).toHaveLength(2);
    }
    const text = (checkin?.items ?? []).map((i) => i.text ?? '').join(' ');
    expect(text).toMatch(/stresset/i);
    expect(text).toMatch(/hvile/i);
    expect(text).toMatch(/humør/i);
  });

  it('part 6 gives Vold- og overgrepslinjen 116 006 where it meets threats in relationships, with who it is for', () => {
    const { section } = exercise('boundary-plan');
    expect(section.id).toBe('grenser');
    const note = notesOf(section).find((n) => n.kind === 'safety' && n.html.includes('href="tel:116006"'));
    expect(note, 'a safety note with 116 006').toBeDefined();
    expect(note?.html).toContain('Vold- og overgrepslinjen');
    expect(note?.html).toContain('116 006');
    expect(note?.html).toMatch(/for alle som opplever vold eller overgrep i en nær relasjon, eller som er redde for det/);
    expect(note?.html).toContain('href="tel:116111"');
    expect(note?.html).toContain('href="tel:112"');
    // Boundary practice is not for someone who threatens or hurts the person.
    expect(textOf(section)).toMatch(/Velg ikke en situasjon med noen som har truet eller skadet deg/);
  });

  it('gives young people the children and youth helpline in part 1 and in the last part', () => {
    const first = program.sections[0] as CompiledSection;
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    for (const section of [first, last]) {
      const html = notesOf(section).filter((n) => n.kind === 'safety').map((n) => n.html).join(' ');
      expect(html, section.id).toContain('href="tel:116111"');
    }
  });

  /** The index of the first block of a part that matches, or -1. */
  const blockIndex = (section: CompiledSection, test: (html: string, kind?: string) => boolean): number =>
    section.blocks.findIndex((b) => (b.type === 'html' || b.type === 'note') && test(b.html, b.type === 'note' ? b.kind : undefined));

  it('part 4 starts with who should talk to the doctor first, before any breathing or tensing is taught', () => {
    const { section } = exercise('relaxation-log');
    const doctor = blockIndex(section, (html, kind) => kind === 'warning' && /legen din før du begynner/.test(html));
    expect(doctor, 'a see-your-doctor note').toBeGreaterThanOrEqual(0);
    const note = section.blocks[doctor];
    const html = note?.type === 'note' ? note.html : '';
    for (const who of [/hjerte- eller lungesykdom/, /KOLS/, /astma/, /høyt blodtrykk/, /gravid/]) expect(html).toMatch(who);
    expect(html).toMatch(/Stopp øvelsen/);
    expect(html).toContain('href="tel:113"');
    const breathing = blockIndex(section, (h) => /<h2[^>]*>Rolig pust<\/h2>/.test(h));
    const tensing = blockIndex(section, (h) => /<h2[^>]*>Muskelavspenning<\/h2>/.test(h));
    expect(doctor).toBeLessThan(breathing);
    expect(doctor).toBeLessThan(tensing);
    expect(textOf(section)).toMatch(/ikke hold pusten/);
  });

  it('the breathing tip in part 1 warns people with heart or lung disease and says what to do if dizzy', () => {
    const tip = notesOf(program.sections[0] as CompiledSection).find((n) => /pust/i.test(n.title ?? ''));
    expect(tip?.html).toMatch(/hjerte- eller lungesykdom/);
    expect(tip?.html).toMatch(/svimmel/);
  });

  it("part 5 states the Directorate of Health's activity advice accurately, after who should see the doctor first", () => {
    const { section } = exercise('recovery-plan');
    const text = textOf(section);
    expect(text).toMatch(/Helsedirektoratet anbefaler/);
    expect(text).toMatch(/150 til 300 minutter i uken med moderat intensitet/);
    expect(text).toMatch(/75 til 150 minutter i uken/);
    expect(text).toMatch(/60 minutter om dagen/);
    expect(text).not.toMatch(/minst 150 minutter i uken/);
    const advice = blockIndex(section, (h) => h.includes('150 til 300'));
    const doctor = blockIndex(section, (html, kind) => kind === 'warning' && /fastlegen før du begynner å trene hardt/.test(html));
    expect(doctor, 'a see-your-doctor note').toBeGreaterThanOrEqual(0);
    expect(doctor, 'the note comes before the advice').toBeLessThan(advice);
  });

  it('the last part says what to do if the program did not help: not your fault, GP, medicine, DPS, try again', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const html = last.blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
    const passage = /<h2[^>]*>Hvis programmet ikke har hjulpet nok<\/h2>([\s\S]*?)<h2/.exec(html)?.[1] ?? '';
    expect(passage, 'the passage exists').not.toBe('');
    expect(passage).toMatch(/ikke din feil/);
    expect(passage).toMatch(/fagpersonen/);
    expect(passage).toMatch(/fastlegen/);
    expect(passage).toMatch(/[Mm]edisin/);
    expect(passage).toMatch(/distriktspsykiatrisk senter \(DPS\)/);
    expect(passage).toMatch(/prøve igjen|på nytt/);
  });

  it('the last part has a short text for relatives and colleagues that says to ask directly and where to call', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const html = last.blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
    const passage = /<h2[^>]*>Til deg som er pårørende eller kollega<\/h2>([\s\S]*?)<h2/.exec(html)?.[1] ?? '';
    expect(passage, 'the passage exists').not.toBe('');
    expect(passage).toMatch(/På jobb/);
    expect(passage).toMatch(/Har du tanker om å ta livet ditt\?/);
    expect(passage).toContain('href="tel:113"');
    expect(passage).toMatch(/Ta vare på deg selv/);
  });

  it('has none of the language slips of the first edition', () => {
    const all = program.sections.map(textOf).join(' ');
    for (const slip of ['scrollet', 'enda mer tomt', 'trappa', 'blokka', 'Der stod', 'Alle gjør dem', 'var godt nok,', 'Bytt gjerne «må» med', 'De fleste som sliter', 'gjorde rolig pust', 'lader, når de']) {
      expect(all, slip).not.toContain(slip);
    }
  });
});
