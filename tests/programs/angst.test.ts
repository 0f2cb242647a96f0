/**
 * programs/angst ("Mestring av angst"): compiles with no errors or warnings, has
 * 6-8 substantial parts, a first part with the urgent-help numbers, a last part
 * with the staying-well plan, the core exercises (anxiety diary, exposure ladder,
 * exposure log) with the right kinds and fields, and the measurement plan (GAD-7
 * weekly, PHQ-9 every two weeks). The second edition's clinical points (issue 16):
 * needed medicine is never a safety behaviour, exposure tests a fear with one timing,
 * panic beliefs get behavioural experiments, the login is a code (not "anonymous"),
 * 116 111 for young people, what to do if the program did not help, a text for
 * relatives, the two diagrams, the spotlight study as measured, and the language slips.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, field, findExercise, loadProgram, notesOf, textOf } from './pack.ts';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection } from '../../schemas/types.ts';

let program: CompiledProgram;

beforeAll(() => {
  ({ program } = loadProgram('angst'));
});

const allExercises = (): CompiledExercise[] => program.sections.flatMap(exercisesOf);

const exercise = (id: string) => findExercise(program, id);

/** The part with this id, asserting that it exists. */
function part(id: string): CompiledSection {
  const found = program.sections.find((s) => s.id === id);
  expect(found, `part ${id}`).toBeDefined();
  return found as CompiledSection;
}

/** A part's readable text with runs of whitespace made one space. */
const flat = (section: CompiledSection): string => textOf(section).replace(/\s+/g, ' ');

function expectRating(f: CompiledField): void {
  expect(f.type).toBe('scale');
  expect(f.min).toBe(0);
  expect(f.max).toBe(10);
}

describe('programs/angst', () => {
  it('part 1 explains consent and gives every urgent-help number in a safety note', () => {
    const first = program.sections[0] as CompiledSection;
    expect(textOf(first)).toMatch(/innstillinger/);
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
    const safety = notesOf(last).filter((n) => n.kind === 'safety').map((n) => n.html).join(' ');
    for (const number of ['113', '116 117', '116 123', '22 40 00 40']) expect(safety).toContain(number);
  });

  it('has the anxiety diary as a required, repeatable log', () => {
    const { exercise: diary, section } = exercise('thought-record');
    expect(diary.kind).toBe('log');
    expect(diary.repeatable).toBe(true);
    expect(diary.required).toBe(true);
    expect(diary.minEntries).toBeGreaterThanOrEqual(3);
    expect(section.requirements.exercises).toContainEqual({ id: 'thought-record', minEntries: diary.minEntries });
    expect(field(diary, 'situation').type).toBe('longtext');
    expect(field(diary, 'body').type).toBe('longtext');
    expect(field(diary, 'thought').required).toBe(true);
    expectRating(field(diary, 'strength'));
    expect(field(diary, 'action').type).toBe('choice');
    expect(field(diary, 'outcome').required).toBe(true);
  });

  it('has the exposure ladder as a required ladder with 0-10 ratings', () => {
    const { exercise: ladder, section } = exercise('exposure-ladder');
    expect(ladder.kind).toBe('ladder');
    expect(ladder.repeatable).toBe(true);
    expect(ladder.required).toBe(true);
    expect(ladder.minEntries).toBeGreaterThanOrEqual(5);
    expect(section.requirements.exercises).toContainEqual({ id: 'exposure-ladder', minEntries: ladder.minEntries });
    expect(field(ladder, 'step').required).toBe(true);
    expectRating(field(ladder, 'rating'));
    expect(field(ladder, 'rating').required).toBe(true);
  });

  it('has the exposure log as a required log with before, peak and after ratings', () => {
    const { exercise: log, section } = exercise('exposure-log');
    expect(log.kind).toBe('log');
    expect(log.repeatable).toBe(true);
    expect(log.required).toBe(true);
    expect(log.minEntries).toBeGreaterThanOrEqual(2);
    expect(section.requirements.exercises).toContainEqual({ id: 'exposure-log', minEntries: log.minEntries });
    for (const id of ['before', 'peak', 'after']) {
      expectRating(field(log, id));
      expect(field(log, id).required).toBe(true);
    }
    expect(field(log, 'step').required).toBe(true);
    expect(field(log, 'learned').required).toBe(true);
  });

  it('teaches in order: diary before the ladder, ladder before or with the exposure log', () => {
    const at = (id: string) => exercise(id).section.number;
    expect(at('thought-record')).toBeLessThan(at('exposure-ladder'));
    expect(at('exposure-ladder')).toBeLessThanOrEqual(at('exposure-log'));
    expect(at('staying-well-plan')).toBe(program.sections.length);
  });

  it('measures PHQ-9 and GAD-7 at start and end, GAD-7 weekly, PHQ-9 every two weeks, and ends with the evaluation', () => {
    const { measurement, instruments } = program;
    expect(measurement.start).toEqual(['phq9', 'gad7']);
    expect(measurement.end).toEqual(['phq9', 'gad7']);
    // GAD-7 for weekly change; PHQ-9 every two weeks so its item 9 (risk) is asked along the way.
    expect(measurement.repeated).toEqual([
      { instrument: 'gad7', every: 'week' },
      { instrument: 'phq9', every: '2-weeks' },
    ]);
    expect(program.version).toBe('1.1.0');
    expect(measurement.evaluation).toBe('evaluation');
    for (const id of ['phq9', 'gad7', 'evaluation', 'checkin']) expect(instruments[id], `instrument ${id}`).toBeDefined();
  });

  it('has the three check-in ratings: anxiety today, avoidance this week, mood', () => {
    const checkin = program.instruments[program.measurement.checkin];
    expect(checkin).toBeDefined();
    expect(checkin?.items.map((i) => i.id)).toEqual(['anxiety', 'avoidance', 'mood']);
    for (const item of checkin?.items ?? []) {
      expect(item.type).toBe('scale');
      expect(item.min).toBe(0);
      expect(item.max).toBe(10);
      expect(item.anchors).toHaveLength(2);
    }
    const text = (checkin?.items ?? []).map((i) => i.text ?? '').join(' ');
    expect(text).toMatch(/angst/i);
    expect(text).toMatch(/unngått/i);
    expect(text).toMatch(/humør/i);
  });

  it('parts 3 and 5 say that needed medicine always comes along and calming medicine changes only with the doctor', () => {
    for (const id of ['sirkelen', 'eksponering']) {
      const notes = notesOf(part(id))
        .filter((n) => n.kind === 'warning' || n.kind === 'safety')
        .map((n) => n.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
      const note = notes.find((n) => /medisin/i.test(n)) ?? '';
      expect(note, `part ${id} has a note on medicine`).not.toBe('');
      for (const word of ['astmaspray', 'adrenalinpenn', 'insulin', 'epilepsimedisin']) expect(note, `part ${id}: ${word}`).toContain(word);
      expect(note).toMatch(/alltid med deg/);
      expect(note).toMatch(/beroligende medisiner endrer du bare sammen med legen din/);
    }
    // Medicine is no longer listed among the safety behaviours to drop.
    expect(flat(part('sirkelen'))).not.toMatch(/vann, medisiner/);
    const safety = field(exercise('my-circle').exercise, 'safety');
    expect(safety.options?.find((o) => o.value === 'items')?.label).not.toMatch(/medisin/i);
  });

  it('frames exposure as staying long enough to test the fear, with one timing wherever a timing is given', () => {
    const notFirst = 'Angsten trenger ikke å synke først.';
    const timing = 'Planlegg gjerne 20 til 30 minutter når situasjonen kan vare så lenge.';
    for (const id of ['alarmen', 'eksponering']) {
      expect(flat(part(id)), `part ${id}`).toContain(notFirst);
      expect(flat(part(id)), `part ${id}`).toContain(timing);
    }
    const all = program.sections.map(flat).join(' ');
    // Every minute range in the program is the one exposure timing (the old 10-30 and 20-45 disagreed).
    expect([...new Set(all.match(/\d+ til \d+ minutter/g))]).toEqual(['20 til 30 minutter']);
    // No waiting for anxiety to fall, in the text nor in any label or option.
    const labels = program.sections
      .flatMap(exercisesOf)
      .flatMap((e) => e.fields.flatMap((f) => [f.label, f.help ?? '', ...(f.options ?? []).map((o) => o.label)]))
      .join(' ');
    for (const text of [all, labels]) {
      expect(text).not.toMatch(/går over av seg selv/i);
      expect(text).not.toMatch(/til angsten (sank|har sunket|synker|gikk ned|går ned)/i);
      expect(text).not.toMatch(/før kurven faller|kurven faller/i);
      expect(text).not.toMatch(/gir lite angst/i);
    }
  });

  it('the exposure log records the prediction and how sure the person is, before and after', () => {
    const { exercise: log } = exercise('exposure-log');
    expect(field(log, 'prediction').type).toBe('longtext');
    for (const id of ['belief-before', 'belief-after']) {
      expect([field(log, id).type, field(log, id).min, field(log, id).max, field(log, id).unit]).toEqual(['number', 0, 100, '%']);
    }
    expect(log.html).toMatch(/før du starter/);
    expect(field(exercise('my-alarm').exercise, 'stayed').label).toBe('Ble du i situasjonen?');
  });

  it('has behavioural experiments for panic beliefs: predict, test by body or situation, record what happened', () => {
    const { exercise: experiment, section } = exercise('panic-experiment');
    expect(section.id).toBe('kroppen');
    expect(experiment.kind).toBe('log');
    expect(experiment.repeatable).toBe(true);
    expect(field(experiment, 'feared').options?.map((o) => o.value)).toEqual(expect.arrayContaining(['faint', 'heart', 'mad']));
    expect(field(experiment, 'prediction').required).toBe(true);
    expect(field(experiment, 'test').options?.map((o) => o.value)).toEqual(expect.arrayContaining(['body', 'situation']));
    expect(field(experiment, 'outcome').required).toBe(true);
    for (const id of ['belief-before', 'belief-after']) expect([field(experiment, id).min, field(experiment, id).max]).toEqual([0, 100]);
    const text = flat(section);
    for (const fear of ['besvimer', 'hjerteinfarkt', 'gal']) expect(text).toContain(fear);
    expect(text).toMatch(/atferdseksperiment/);
    // The general experiment in part 7 points panic there too.
    expect(exercise('behaviour-experiment').exercise.html).toMatch(/panikk/);
  });

  it('part 1 says the login is a code and no name is stored, not that the person is anonymous', () => {
    const text = flat(part('velkommen'));
    expect(text).not.toMatch(/anonym/i);
    expect(text).toMatch(/logger inn med en kode/);
    expect(text).toMatch(/Ingen navn blir lagret i programmet/);
    expect(text).toMatch(/Fagpersonen som ga deg koden, vet hvem du er/);
  });

  it('lists Alarmtelefonen for barn og unge where urgent help is listed (part 1 and the last part), as the audience includes young people', () => {
    expect(program.audience).toMatch(/ungdom/);
    for (const section of [program.sections[0], program.sections[program.sections.length - 1]] as CompiledSection[]) {
      const safety = notesOf(section).filter((n) => n.kind === 'safety').map((n) => n.html).join(' ');
      expect(safety, `part ${section.id}`).toContain('116 111');
      expect(safety, `part ${section.id}`).toContain('href="tel:116111"');
      expect(safety, `part ${section.id}`).toMatch(/Alarmtelefonen for barn og unge/);
    }
  });

  it('the last part says what to do if the program did not help, and has a short text for relatives', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const text = flat(last);
    expect(last.blocks.some((b) => b.type === 'html' && b.html.includes('<h2>Hvis programmet ikke hjalp</h2>'))).toBe(true);
    expect(text).toMatch(/Det er ikke din feil/);
    for (const next of [/fastlegen/, /[Mm]edisin/, /distriktspsykiatrisk senter \(DPS\)/, /på nytt/]) expect(text).toMatch(next);
    expect(last.blocks.some((b) => b.type === 'html' && b.html.includes('<h2>Til deg som er pårørende</h2>'))).toBe(true);
    expect(text).toMatch(/sikkerhetsatferd/);
  });

  it.each([
    ['sirkelen', 'ond-sirkel.svg', /Den onde sirkelen/],
    ['eksponering', 'angstkurve.svg', /Angstkurven/],
  ])('part %s shows the diagram %s: alt text, a long description, and an accessible, self-contained SVG', (id, file, alt) => {
    const section = part(id);
    const html = section.blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
    const img = html.match(new RegExp(`<img src="assets/${file}" alt="([^"]+)">`));
    expect(img, `part ${id} shows ${file}`).not.toBeNull();
    expect(img?.[1]).toMatch(alt);
    expect(flat(section)).toMatch(/Bildet viser /);
    const svg = readFileSync(`programs/angst/assets/${file}`, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/<title[^>]*>[^<]+<\/title>/);
    expect(svg).toMatch(/<desc[^>]*>[^<]+<\/desc>/);
    expect(svg).toMatch(/viewBox="0 0 320 \d+"/);
    expect(svg).not.toMatch(/<script|javascript:|<image|<foreignObject|@import|(?:href|src)="(?!#)|url\((?!#)/i);
    const sizes = [...svg.matchAll(/(\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes), 'text at least 14 px').toBeGreaterThanOrEqual(14);
  });

  it('the anxiety curve does not promise that anxiety always falls', () => {
    const svg = readFileSync('programs/angst/assets/angstkurve.svg', 'utf8');
    expect(svg).toMatch(/Kan synke/);
    expect(svg).toMatch(/Kan holde seg høy/);
    expect(svg).toMatch(/Du blir og tester/);
  });

  it('states the spotlight-effect study as measured (about twice the real share) without stretching it to blushing', () => {
    const text = flat(part('sosial-angst'));
    expect(text).toMatch(/T-skjorte/);
    expect(text).toMatch(/nesten halvparten/);
    expect(text).toMatch(/rundt én av fire/);
    expect(text).toMatch(/omtrent dobbelt/);
    expect(text).not.toMatch(/Det samme gjelder rødming/);
    expect(text).toMatch(/lyskastereffekten/);
  });

  it('keeps the language slips of the first edition out', () => {
    const all = program.sections.map(flat).join(' ');
    const labels = program.sections
      .flatMap(exercisesOf)
      .flatMap((e) => e.fields.map((f) => f.label))
      .join(' ');
    for (const slip of [
      'Du er anonym',
      'lyskasteffekt',
      't-skjorte',
      'opptatt med deg selv',
      'Øv mest på de.',
      'balansen av gasser',
      'Kroppen reagerer på ekte',
      'Lag trinn nok',
      'For mange tar det lengre tid',
      'Da piper den like høyt',
      'holde seg fast i noe når du',
      'svimmelhet er ufarlig.',
      'Det er motsatt av det',
      'Fyll ut en ny side',
      'pulsklokken',
      'når en ser hvor mye',
      'meg?».',
    ]) {
      expect(all, slip).not.toContain(slip);
    }
    expect(labels).not.toContain('Hvor like var følelsene angsten din?');
  });
});
