/**
 * programs/depresjon ("Mestring av depresjon"): compiles with no errors or warnings,
 * has 6-8 substantial parts, a first part with the urgent-help numbers, a last part
 * with the staying-well plan, the core exercises (activity log, activity plan, values,
 * graded task, thought record, rumination log, problem solving, daily rhythm) with the
 * right kinds and fields, taught in order, and the shared measurement plan with PHQ-9
 * weekly (its risk item asked at least every two weeks). The second edition (issue 16):
 * what to do if the program did not help and a text for relatives in the last part, the
 * Directorate of Health's activity advice stated accurately after a see-your-doctor note,
 * the circle diagram as an accessible SVG, and the language slips of the first edition.
 */
import { existsSync, readFileSync } from 'node:fs';
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

const SVG_PATH = 'programs/depresjon/assets/sirkelen.svg';

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
    expect(measurement.start).toEqual(['phq9', 'gad7']);
    expect(measurement.end).toEqual(['phq9', 'gad7']);
    // Weekly on purpose (the main outcome, reviewed in the weekly call), and so PHQ-9 item 9
    // (risk) is asked at least every two weeks; nothing else is repeated.
    expect(measurement.repeated).toEqual([{ instrument: 'phq9', every: 'week' }]);
    expect(measurement.evaluation).toBe('evaluation');
    for (const id of ['phq9', 'gad7', 'evaluation', 'checkin']) expect(instruments[id], `instrument ${id}`).toBeDefined();
  });

  it('part 1 says what the weekly questionnaire is: our own adaptation of PHQ-9, two weeks back, and the risk question', () => {
    const text = textOf(program.sections[0] as CompiledSection);
    expect(text).toMatch(/En gang i uken svarer du/);
    expect(text).toMatch(/egen norske tilpasning av PHQ-9/);
    expect(text).toMatch(/de siste to ukene/);
    expect(text).toMatch(/tanker om døden eller om å skade deg selv/);
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

  it('gives young people the children and youth helpline in part 1 and in the last part', () => {
    const first = program.sections[0] as CompiledSection;
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    for (const section of [first, last]) {
      expect(safetyHtml(section), section.id).toContain('href="tel:116111"');
      expect(safetyHtml(section), section.id).toMatch(/Alarmtelefonen for barn og unge/);
    }
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

  it('the last part has a short text for relatives that says to ask directly and where to call', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const html = last.blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
    const passage = /<h2[^>]*>Til deg som er pårørende<\/h2>([\s\S]*?)<h2/.exec(html)?.[1] ?? '';
    expect(passage, 'the passage exists').not.toBe('');
    expect(passage).toMatch(/Har du tanker om å ta livet ditt\?/);
    expect(passage).toContain('href="tel:113"');
    expect(passage).toContain('href="tel:116117"');
    expect(passage).toMatch(/Ta vare på deg selv/);
  });

  it("part 7 states the Directorate of Health's activity advice accurately, after who should see the doctor first", () => {
    const { section } = exercise('daily-rhythm');
    const text = textOf(section);
    expect(text).toMatch(/Helsedirektoratet anbefaler/);
    expect(text).toMatch(/150 til 300 minutter i uken med moderat intensitet/);
    expect(text).toMatch(/75 til 150 minutter i uken/);
    expect(text).toMatch(/to dager i uken eller mer/);
    expect(text).toMatch(/60 minutter om dagen/);
    expect(text).not.toMatch(/minst 150 minutter i uken/);
    const advice = section.blocks.findIndex((b) => b.type === 'html' && b.html.includes('150 til 300'));
    const doctor = section.blocks.findIndex((b) => b.type === 'note' && b.kind === 'warning' && /fastlegen før du begynner å trene hardt/.test(b.html));
    expect(doctor, 'a see-your-doctor note').toBeGreaterThanOrEqual(0);
    expect(doctor, 'the note comes before the advice').toBeLessThan(advice);
    expect(section.blocks[doctor]?.type === 'note' && section.blocks[doctor].html).toMatch(/hjerte- eller lungesykdom/);
  });

  it('has none of the language slips of the first edition', () => {
    const all = program.sections.map(textOf).join(' ');
    for (const slip of ['Tanker du', 'rosene', 'på en gang', 'Uka ', 'vekkerklokka', 'sola ', 'i et lite sted', 'lettet på skuldrene', 'vondt for å tenke', 'Bytt «hvorfor» med']) {
      expect(all, slip).not.toContain(slip);
    }
    expect(textOf(exercise('thought-record').section)).toMatch(/Tenker du «hun er sikkert lei av meg»/);
    expect(textOf(exercise('thought-record').section)).toMatch(/de fem gangene du fikk ros/);
  });

  describe('the circle diagram in part 1', () => {
    let svg = '';
    beforeAll(() => {
      svg = existsSync(SVG_PATH) ? readFileSync(SVG_PATH, 'utf8') : '';
    });

    it('is a file in the assets folder', () => {
      expect(existsSync(SVG_PATH), SVG_PATH).toBe(true);
    });

    it('is shown in part 1 with alt text and a paragraph that describes it', () => {
      const html = (program.sections[0] as CompiledSection).blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
      const img = /<img src="assets\/sirkelen\.svg" alt="([^"]+)"[^>]*>([\s\S]*?)<\/p>\s*<p>([^<]+)<\/p>/.exec(html);
      expect(img, 'the image and the paragraph after it').not.toBeNull();
      expect(img?.[1]).toMatch(/onde sirkelen/);
      expect(img?.[1]).toMatch(/gode sirkelen/);
      expect(img?.[3]).toMatch(/^Tegningen viser/);
      expect(img?.[3]?.split(/\s+/).length).toBeGreaterThan(40);
    });

    it('is an accessible, self-contained SVG: role, title, description, no script, no outside reference', () => {
      expect(svg).toMatch(/<svg[^>]*role="img"/);
      expect(svg).toMatch(/<svg[^>]*aria-labelledby="sirkelen-title sirkelen-desc"/);
      expect(svg).toMatch(/<title id="sirkelen-title">[^<]{20,}<\/title>/);
      expect(svg).toMatch(/<desc id="sirkelen-desc">[^<]{100,}<\/desc>/);
      expect(svg).not.toMatch(/<script|<foreignObject|\son[a-z]+=|href=|@import/i);
      for (const url of svg.match(/url\([^)]*\)/g) ?? []) expect(url).toMatch(/^url\(#[\w-]+\)$/);
      for (const uri of svg.match(/https?:\/\/[^"']+/g) ?? []) expect(uri).toBe('http://www.w3.org/2000/svg');
    });

    it('is readable at 320 px: at most 320 units wide, text at least 14 px', () => {
      const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
      expect(Number(viewBox?.[1])).toBeLessThanOrEqual(320);
      const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) expect(size).toBeGreaterThanOrEqual(14);
    });

    it('uses colours with at least AA contrast (4.5:1) between every dark colour and every light one, white included', () => {
      const luminance = (hex: string): number => {
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
      };
      const colours = [...new Set((svg.match(/#[0-9a-f]{6}\b/gi) ?? []).map((c) => c.toLowerCase()))];
      const light = ['#ffffff', ...colours.filter((c) => luminance(c) > 0.5)];
      const dark = colours.filter((c) => luminance(c) <= 0.5);
      expect(dark.length).toBeGreaterThan(0);
      for (const d of dark) {
        for (const l of light) expect((luminance(l) + 0.05) / (luminance(d) + 0.05), `${d} on ${l}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  });
});
