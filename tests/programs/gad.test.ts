/**
 * programs/gad ("Mestring av bekymring"): compiles with no errors or warnings, has
 * 6-8 substantial parts, a first part with consent and the urgent-help numbers, a
 * last part with the staying-well plan and the numbers, the core exercises (worry
 * log, worry time plan and log, worry sorting, problem solving, uncertainty
 * behaviours and experiments, beliefs about worry, present-moment log) with the
 * right kinds, requirements and fields, taught in order, written exposure for
 * hypothetical worries, and a measurement plan that fits each questionnaire (PSWQ at
 * start and end only, GAD-7 weekly, PHQ-9 every two weeks).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, field, findExercise, loadProgram, notesOf, textOf } from './pack.ts';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection, HtmlBlock } from '../../schemas/types.ts';

let program: CompiledProgram;

beforeAll(() => {
  ({ program } = loadProgram('gad'));
});

const allExercises = (): CompiledExercise[] => program.sections.flatMap(exercisesOf);

const exercise = (id: string) => findExercise(program, id);

function expectRating(f: CompiledField): void {
  expect(f.type, `${f.id} is a scale`).toBe('scale');
  expect(f.min).toBe(0);
  expect(f.max).toBe(10);
  expect(f.anchors).toHaveLength(2);
}

function optionValues(f: CompiledField): string[] {
  return (f.options ?? []).map((o) => o.value);
}

/** A required, repeatable log that the part's completion counts with at least `min` entries. */
function expectRequiredLog(id: string, min: number): CompiledExercise {
  const { exercise: log, section } = exercise(id);
  expect(log.kind, `${id} kind`).toBe('log');
  expect(log.repeatable, `${id} repeatable`).toBe(true);
  expect(log.required, `${id} required`).toBe(true);
  expect(log.minEntries, `${id} minEntries`).toBeGreaterThanOrEqual(min);
  expect(section.requirements.exercises).toContainEqual({ id, minEntries: log.minEntries });
  return log;
}

describe('programs/gad', () => {
  it('part 1 explains consent and gives every urgent-help number in a safety note', () => {
    const first = program.sections[0] as CompiledSection;
    expect(first.id).toBe('velkommen');
    expect(textOf(first)).toMatch(/innstillinger/i);
    const safety = notesOf(first).filter((n) => n.kind === 'safety');
    expect(safety.length).toBeGreaterThan(0);
    const html = safety.map((n) => n.html).join(' ');
    for (const [number, tel] of [
      ['113', 'tel:113'],
      ['116 117', 'tel:116117'],
      ['116 123', 'tel:116123'],
      ['22 40 00 40', 'tel:22400040'],
    ]) {
      expect(html).toContain(number);
      expect(html).toContain(`href="${tel}"`);
    }
  });

  it('part 1 keeps its permanent exercises: goals and the worry log', () => {
    const first = program.sections[0] as CompiledSection;
    expect(exercisesOf(first).map((e) => e.id)).toEqual(['goals', 'worry-log']);
    const goals = exercise('goals').exercise;
    expect(goals.kind).toBe('form');
    expect(goals.required).toBe(true);
    expectRating(field(goals, 'goal-1-importance'));
  });

  it('the last part holds the required staying-well plan and the urgent-help numbers as links', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const plan = exercisesOf(last).find((e) => e.id === 'staying-well-plan');
    expect(plan, 'staying-well-plan in the last part').toBeDefined();
    expect(plan?.kind).toBe('plan');
    expect(plan?.required).toBe(true);
    expect(last.requirements.exercises).toContainEqual({ id: 'staying-well-plan', minEntries: 1 });
    for (const id of ['warning-signs', 'what-helps', 'if-worse', 'contacts']) {
      expect(field(plan as CompiledExercise, id).required, `plan field ${id} is required`).toBe(true);
    }
    const safety = notesOf(last).filter((n) => n.kind === 'safety').map((n) => n.html).join(' ');
    for (const [number, tel] of [
      ['113', 'tel:113'],
      ['116 117', 'tel:116117'],
      ['116 123', 'tel:116123'],
      ['22 40 00 40', 'tel:22400040'],
    ]) {
      expect(safety).toContain(number);
      expect(safety).toContain(`href="${tel}"`);
    }
    // It leads into the end measurement and the evaluation.
    expect(textOf(last)).toMatch(/Sluttevaluering/);
    expect(textOf(last)).toMatch(/PHQ-9/);
    expect(textOf(last)).toMatch(/GAD-7/);
  });

  it('the last part says what to do if the program did not help, and has a short text for relatives', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const text = textOf(last);
    expect(text).toMatch(/Hvis programmet ikke hjalp/);
    expect(text).toMatch(/ikke din feil/);
    expect(text).toMatch(/Snakk med fagpersonen/);
    expect(text).toMatch(/fastlegen/);
    expect(text).toMatch(/Medisiner kan hjelpe noen/);
    expect(text).toMatch(/distriktspsykiatrisk senter \(DPS\)/);
    expect(text).toMatch(/Prøv igjen senere/);
    expect(text).toMatch(/Til deg som er pårørende/);
    // Relatives learn that endless reassurance keeps the worry going, and where to get help.
    expect(text).toMatch(/ikke om og om igjen på det samme spørsmålet/);
    const relatives = last.blocks.find((b): b is HtmlBlock => b.type === 'html' && /Er du redd for at den du står nær/.test(b.html));
    expect(relatives?.html).toContain('href="tel:116117"');
    expect(relatives?.html).toContain('href="tel:113"');
  });

  it('has the worry log as a required, repeatable daily log', () => {
    const log = expectRequiredLog('worry-log', 3);
    expect(field(log, 'day').type).toBe('date');
    expect(field(log, 'worry').type).toBe('longtext');
    expect(field(log, 'worry').required).toBe(true);
    expect(field(log, 'duration').type).toBe('duration');
    expectRating(field(log, 'anxiety'));
    expect(field(log, 'anxiety').required).toBe(true);
  });

  it('teaches worry time: a plan with a clock time and 15-30 minutes, and a repeatable worry-time log', () => {
    const { exercise: plan, section } = exercise('worry-time-plan');
    expect(plan.kind).toBe('form');
    expect(plan.required).toBe(true);
    expect(field(plan, 'start-time').type).toBe('time');
    expect(field(plan, 'start-time').required).toBe(true);
    expect(field(plan, 'length').type).toBe('duration');
    expect(field(plan, 'length').required).toBe(true);
    expect(textOf(section)).toMatch(/15 til 30 minutter/);
    expect(textOf(section)).toMatch(/[Uu]tsett/);

    const log = expectRequiredLog('worry-time-log', 3);
    expect(exercise('worry-time-log').section.id).toBe(section.id);
    expect(field(log, 'day').type).toBe('date');
    expect(field(log, 'day').required).toBe(true);
    expectRating(field(log, 'postpone-success'));
    expect(field(log, 'postpone-success').required).toBe(true);
    expect(field(log, 'held').type).toBe('choice');
    expect(optionValues(field(log, 'held'))).toEqual(['yes', 'shorter', 'no']);
    expect(field(log, 'minutes').type).toBe('duration');
    expectRating(field(log, 'anxiety-start'));
    expectRating(field(log, 'anxiety-end'));
  });

  it('sorts worries into practical and hypothetical, with the right next step for each', () => {
    const log = expectRequiredLog('worry-sorting', 3);
    expect(field(log, 'worry').required).toBe(true);
    const type = field(log, 'type');
    expect(type.type).toBe('choice');
    expect(type.required).toBe(true);
    expect(optionValues(type)).toEqual(expect.arrayContaining(['practical', 'hypothetical']));
    const plan = field(log, 'plan');
    expect(plan.type).toBe('choice');
    expect(plan.required).toBe(true);
    expect(optionValues(plan)).toEqual(expect.arrayContaining(['solve', 'postpone', 'let-go']));
    expect(field(log, 'problem-now').type).toBe('boolean');
    expect(field(log, 'can-act').type).toBe('boolean');
  });

  it('draws the worry decision tree in part 3 as an accessible SVG with alt text and a long description', () => {
    const section = program.sections.find((s) => s.id === 'to-slags-bekymring') as CompiledSection;
    const html = section.blocks.map((b) => (b.type === 'html' ? b.html : '')).join('');
    expect(html).toMatch(/<img src="assets\/bekymringstre\.svg" alt="Et valgtre for bekymringer: [^"]{40,}">/);
    // The paragraph after the picture says in words what it shows.
    expect(html).toMatch(/<img[^>]*><\/p>\s*<p>Bildet viser sorteringen som et valgtre\..*[Hh]andler.*problem du har nå.*Praktisk.*problemløsning.*Hypotetisk.*bekymringstiden/s);

    const svg = readFileSync('programs/gad/assets/bekymringstre.svg', 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*role="img"/);
    expect(svg).toMatch(/viewBox="0 0 320 \d+"/);
    expect(svg).toMatch(/<title id="[^"]+">[^<]+<\/title>/);
    expect(svg).toMatch(/<desc id="[^"]+">[^<]{80,}<\/desc>/);
    expect(svg).not.toMatch(/<script|<foreignObject|href=|url\(|@import|\son[a-z]+=/i);
    // Readable at 320 px: no text below 14 px.
    const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(14);
    // The two questions and both ends of the tree are in the picture.
    for (const words of ['Handler den om et problem', 'Kan du gjøre noe med det', 'Praktisk', 'Hypotetisk', 'problemløsning', 'bekymringstiden']) {
      expect(svg).toContain(words);
    }
  });

  it('has problem solving as a required, repeatable worksheet with the steps and an outcome rating', () => {
    const { exercise: ps, section } = exercise('problem-solving');
    expect(ps.required).toBe(true);
    expect(ps.repeatable).toBe(true);
    expect(section.requirements.exercises.map((e) => e.id)).toContain('problem-solving');
    for (const id of ['problem', 'goal', 'options', 'chosen', 'first-step']) {
      expect(field(ps, id).required, `problem-solving#${id} is required`).toBe(true);
    }
    expect(field(ps, 'when').type).toBe('date');
    expect(field(ps, 'result').required).toBe(false);
    expectRating(field(ps, 'solved'));
    expect(field(ps, 'solved').required).toBe(false);
  });

  it('works on intolerance of uncertainty: reassurance seeking and checking, and a repeatable experiment log', () => {
    const { exercise: behaviours } = exercise('uncertainty-behaviours');
    expect(behaviours.kind).toBe('form');
    expect(behaviours.required).toBe(true);
    const list = field(behaviours, 'behaviours');
    expect(list.type).toBe('multichoice');
    expect(optionValues(list)).toEqual(expect.arrayContaining(['reassurance', 'checking', 'searching', 'avoiding']));
    expect(field(behaviours, 'first-experiment').required).toBe(true);

    const log = expectRequiredLog('uncertainty-experiment', 3);
    for (const id of ['experiment', 'prediction', 'outcome', 'learned']) {
      expect(field(log, id).type).toBe('longtext');
      expect(field(log, id).required, `uncertainty-experiment#${id} is required`).toBe(true);
    }
    for (const id of ['belief-before', 'anxiety-peak']) {
      expectRating(field(log, id));
      expect(field(log, id).required).toBe(true);
    }
    expectRating(field(log, 'coped'));
    expect(field(log, 'anxiety-minutes').type).toBe('duration');
  });

  it('teaches written exposure to the worst scenario for hypothetical worries, with who should talk to the professional first', () => {
    const { exercise: log, section } = exercise('worry-exposure');
    expect(section.id).toBe('usikkerhet');
    const text = textOf(section);
    // How: in detail, first person, present tense, a set time, on several days, no neutralising.
    expect(text).toMatch(/verste scenarioet/);
    expect(text).toMatch(/jeg-form og i presens/);
    expect(text).toMatch(/Bli i scenarioet i 20 til 30 minutter/);
    expect(text).toMatch(/Gjenta flere dager/);
    expect(text).toMatch(/nøytralisere/);
    expect(text).toMatch(/uten en god slutt/);
    expect(text).toMatch(/ikke spør noen om det går bra/);
    expect(text).toMatch(/Legg merke til hva som skjer med uroen/);
    // Exposure tests a fear; it does not wait for the anxiety to fall.
    expect(text).toMatch(/ikke vente til uroen har sunket/);

    // Who talks to the professional first, said before the technique is taught.
    const warningAt = section.blocks.findIndex((b) => b.type === 'note' && b.kind === 'warning' && /fagpersonen/.test(b.html) && /skade noen andre/.test(b.html));
    expect(warningAt, 'a warning note on who should talk to the professional first').toBeGreaterThanOrEqual(0);
    const warning = section.blocks[warningAt] as { html: string };
    expect(warning.html).toMatch(/skade deg selv/);
    expect(warning.html).toMatch(/minner om noe vondt du har opplevd/);
    const howAt = section.blocks.findIndex((b) => b.type === 'html' && /Slik gjør du det/.test(b.html));
    expect(warningAt).toBeLessThan(howAt);
    expect(warningAt).toBeLessThan(section.blocks.indexOf(log));

    // The log: what scenario, how many minutes, anxiety before, at the peak and after on 0-10.
    expect(log.kind).toBe('log');
    expect(log.repeatable).toBe(true);
    expect(field(log, 'day').type).toBe('date');
    expect(field(log, 'scenario').type).toBe('text');
    expect(field(log, 'scenario').required).toBe(true);
    expect(field(log, 'minutes').type).toBe('duration');
    expect(field(log, 'minutes').required).toBe(true);
    for (const id of ['anxiety-before', 'anxiety-peak', 'anxiety-after']) {
      expectRating(field(log, id));
      expect(field(log, id).required, `worry-exposure#${id} is required`).toBe(true);
    }
    expect(optionValues(field(log, 'neutralising'))).toEqual(['no', 'a-little', 'often']);

    // Where the worst scenario can touch on dark thoughts, the help numbers are there.
    const safety = notesOf(section).filter((n) => n.kind === 'safety').map((n) => n.html).join(' ');
    for (const tel of ['tel:113', 'tel:116117', 'tel:116123', 'tel:22400040', 'tel:116111']) expect(safety).toContain(`href="${tel}"`);

    // Part 3 points ahead to it, and the last part's toolbox keeps it.
    expect(textOf(program.sections.find((s) => s.id === 'to-slags-bekymring') as CompiledSection)).toMatch(/skrive ut det verste scenarioet/);
    expect(textOf(program.sections[program.sections.length - 1] as CompiledSection)).toMatch(/Skriv ut det verste scenarioet/);
  });

  it('examines positive and negative beliefs about worry with belief ratings before and after', () => {
    const { exercise: beliefs, section } = exercise('worry-beliefs');
    expect(beliefs.kind).toBe('form');
    expect(beliefs.required).toBe(true);
    for (const id of ['positive-belief', 'negative-belief']) expect(field(beliefs, id).required).toBe(true);
    for (const id of ['positive-before', 'negative-before']) {
      expectRating(field(beliefs, id));
      expect(field(beliefs, id).required).toBe(true);
    }
    for (const id of ['positive-after', 'negative-after']) {
      expectRating(field(beliefs, id));
      expect(field(beliefs, id).required).toBe(false);
    }
    expect(textOf(section)).toMatch(/forberedt/);
    expect(textOf(section)).toMatch(/farlig/);
  });

  it('has a present-moment practice log with worry rated before and after', () => {
    const log = expectRequiredLog('present-moment-log', 3);
    expect(field(log, 'practice').type).toBe('choice');
    expect(optionValues(field(log, 'practice'))).toEqual(expect.arrayContaining(['breath', 'senses', 'everyday']));
    expect(field(log, 'minutes').type).toBe('duration');
    for (const id of ['worry-before', 'worry-after']) {
      expectRating(field(log, id));
      expect(field(log, id).required).toBe(true);
    }
  });

  it('teaches in order: log, worry time, sorting, problem solving, uncertainty, beliefs, present moment, plan', () => {
    const at = (id: string) => exercise(id).section.number;
    expect(at('worry-log')).toBe(1);
    expect(at('worry-log')).toBeLessThan(at('worry-time-log'));
    expect(at('worry-time-plan')).toBe(at('worry-time-log'));
    expect(at('worry-time-log')).toBeLessThan(at('worry-sorting'));
    expect(at('worry-sorting')).toBeLessThan(at('problem-solving'));
    expect(at('problem-solving')).toBeLessThan(at('uncertainty-experiment'));
    expect(at('uncertainty-behaviours')).toBe(at('uncertainty-experiment'));
    expect(at('problem-solving')).toBeLessThan(at('worry-exposure'));
    expect(at('worry-exposure')).toBeLessThan(at('worry-beliefs'));
    expect(at('uncertainty-experiment')).toBeLessThan(at('worry-beliefs'));
    expect(at('worry-beliefs')).toBeLessThan(at('present-moment-log'));
    expect(at('staying-well-plan')).toBe(program.sections.length);
  });

  it('keeps the language fixes of the native read', () => {
    const text = program.sections.map(textOf).join(' ');
    for (const slip of [/innføringer/, /hit og nå/, /komme tilbake til nået/, /plikt-tanken/, /NAVs/, /korn av sannhet/, /kjennes som du gjør/, /Den mørke tiden av året/]) {
      expect(text).not.toMatch(slip);
    }
    expect(textOf(program.sections[0] as CompiledSection)).toMatch(/minst tre oppføringer/);
    expect(textOf(program.sections.find((s) => s.id === 'her-og-na') as CompiledSection)).toMatch(/flytter du oppmerksomheten til\s+her og nå/);
  });

  it('uses each exercise id only once', () => {
    const ids = allExercises().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rates on 0-10 scales with two anchors everywhere', () => {
    for (const ex of allExercises()) {
      for (const f of ex.fields.filter((f) => f.type === 'scale')) expectRating(f);
    }
  });

  it('has a safety note with where to get help in every part that touches on dark thoughts or strong reactions', () => {
    for (const id of ['velkommen', 'problemlosning', 'usikkerhet', 'tanker-om-bekymring', 'her-og-na', 'veien-videre']) {
      const section = program.sections.find((s) => s.id === id);
      expect(section, `part ${id}`).toBeDefined();
      const safety = notesOf(section as CompiledSection).filter((n) => n.kind === 'safety').map((n) => n.html).join(' ');
      expect(safety, `safety note in ${id}`).toContain('href="tel:113"');
      expect(safety, `safety note in ${id}`).toContain('href="tel:116123"');
      // The audience includes young people: Alarmtelefonen for barn og unge.
      expect(safety, `safety note in ${id}`).toContain('href="tel:116111"');
    }
  });

  it('measures PHQ-9, GAD-7 and PSWQ at start and end only for PSWQ, GAD-7 weekly and PHQ-9 every two weeks', () => {
    const { measurement, instruments } = program;
    expect(measurement.start).toEqual(['phq9', 'gad7', 'pswq']);
    expect(measurement.end).toEqual(['phq9', 'gad7', 'pswq']);
    // PSWQ has no time frame and measures a trait: never repeated along the way.
    expect(measurement.repeated.map((r) => r.instrument)).not.toContain('pswq');
    expect(measurement.repeated).toHaveLength(2);
    expect(measurement.repeated).toContainEqual({ instrument: 'gad7', every: 'week' });
    expect(measurement.repeated).toContainEqual({ instrument: 'phq9', every: '2-weeks' });
    expect(measurement.evaluation).toBe('evaluation');
    for (const id of ['phq9', 'gad7', 'pswq', 'evaluation', 'checkin']) expect(instruments[id], `instrument ${id}`).toBeDefined();
  });

  it('tells the person the same plan: the worry questionnaire at start and end, the others along the way', () => {
    const first = textOf(program.sections[0] as CompiledSection);
    expect(first).toMatch(/Ved starten og på slutten svarer du på tre spørreskjemaer/);
    expect(first).toMatch(/uro og bekymring én gang i uken/);
    expect(first).toMatch(/humør annenhver uke/);
    expect(first).not.toMatch(/En gang i uken svarer du på et kort spørreskjema om bekymring/);
    const last = textOf(program.sections[program.sections.length - 1] as CompiledSection);
    expect(last).not.toMatch(/svart på hver uke/);
    expect(last).toMatch(/bare svart på ved starten/);
  });

  it('has the three check-in ratings: worry today, time spent worrying, unease', () => {
    const checkin = program.instruments[program.measurement.checkin];
    expect(checkin).toBeDefined();
    expect(checkin?.items.map((i) => i.id)).toEqual(['worry', 'worry-time', 'anxiety']);
    for (const item of checkin?.items ?? []) {
      expect(item.type).toBe('scale');
      expect(item.min).toBe(0);
      expect(item.max).toBe(10);
      expect(item.anchors).toHaveLength(2);
    }
    const text = (checkin?.items ?? []).map((i) => i.text ?? '').join(' ');
    expect(text).toMatch(/bekymret/i);
    expect(text).toMatch(/urolig/i);
  });
});
