/**
 * The English edition of programs/angst (issue 17): every part translated with the same
 * ids and structure as the bokmål source, the Norwegian help numbers where the source
 * has them (described in English), no bokmål left in the prose or the labels, Flesch
 * reading ease of at least 60 per part, English copies of the two diagrams, and the
 * second edition's clinical rules (issue 16) as precise in English as in the source.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import { exercisesOf, field, findExercise, loadProgram, notesOf, textOf } from './pack.ts';
import type { CompiledExercise, CompiledProgram, CompiledSection } from '../../schemas/types.ts';

let source: CompiledProgram;
let en: CompiledProgram;
let problems: string[];

beforeAll(() => {
  ({ program: source, problems } = loadProgram('angst'));
  en = source.editions?.en as CompiledProgram;
});

/** The English part with this id, asserting that it exists. */
function part(id: string): CompiledSection {
  const found = en.sections.find((s) => s.id === id);
  expect(found, `English part ${id}`).toBeDefined();
  return found as CompiledSection;
}

/** A part's readable text with runs of whitespace made one space. */
const flat = (section: CompiledSection): string => textOf(section).replace(/\s+/g, ' ');

/** Every label, help, placeholder, unit, anchor and option label of a part's exercises. */
const labelsOf = (section: CompiledSection): string =>
  exercisesOf(section)
    .flatMap((e) => [
      e.title ?? '',
      ...e.fields.flatMap((f) => [f.label, f.help ?? '', f.placeholder ?? '', f.unit ?? '', ...(f.anchors ?? []), ...(f.options ?? []).map((o) => o.label)]),
    ])
    .join(' ');

/** What a translation may not change: block kinds, exercise and field ids and rules, option values, note kinds. */
const skeleton = (section: CompiledSection) => ({
  id: section.id,
  number: section.number,
  requirements: section.requirements,
  blocks: section.blocks.map((b) =>
    b.type === 'exercise'
      ? {
          type: b.type,
          id: b.id,
          kind: b.kind,
          required: b.required,
          repeatable: b.repeatable,
          minEntries: b.minEntries,
          fields: b.fields.map((f) => ({ id: f.id, type: f.type, required: f.required, min: f.min, max: f.max, step: f.step, options: f.options?.map((o) => o.value) })),
        }
      : b.type === 'note'
        ? { type: b.type, kind: b.kind }
        : { type: b.type },
  ),
});

/** The phone links of a part, in order of appearance. */
const telLinks = (section: CompiledSection): string[] =>
  section.blocks.flatMap((b) => ('html' in b ? [...b.html.matchAll(/href="(tel:\d+)"/g)].map((m) => m[1] as string) : []));

/** Norwegian names that stay Norwegian in the English text (each glossed in English). */
const keptNames = [
  'Alarmtelefonen for barn og unge',
  "Mental Helse's",
  'Kirkens SOS',
  'distriktspsykiatrisk senter',
  'Legevakt',
  'legevakt',
  'fastlege',
];
const withoutKeptNames = (text: string): string => keptNames.reduce((t, name) => t.split(name).join(' '), text);

describe('programs/angst in English', () => {
  it('compiles with no errors or warnings (no missing, extra or outdated translation)', () => {
    expect(problems).toEqual([]);
    expect(en, 'the English edition').toBeDefined();
    expect(en.locale).toBe('en');
    expect(en.title).toBe('Coping with anxiety');
    expect(en.audience).toMatch(/young people/);
  });

  it('has every part with the same ids, exercises, fields, options, notes and rules as the source', () => {
    expect(en.sections.map((s) => s.id)).toEqual(source.sections.map((s) => s.id));
    expect(en.measurement).toEqual(source.measurement);
    expect(en.version).toBe(source.version);
    source.sections.forEach((nb, i) => {
      const translated = en.sections[i] as CompiledSection;
      expect(skeleton(translated), `part ${nb.id}`).toEqual(skeleton(nb));
      expect(translated.title).not.toBe(nb.title);
      expect(flat(translated), `part ${nb.id} sums up`).toMatch(/Summary/);
    });
  });

  it('keeps every help number where the source has it, as the same phone links', () => {
    source.sections.forEach((nb, i) => {
      expect(telLinks(en.sections[i] as CompiledSection), `part ${nb.id}`).toEqual(telLinks(nb));
    });
    for (const section of [en.sections[0], en.sections[en.sections.length - 1]] as CompiledSection[]) {
      const safety = notesOf(section)
        .filter((n) => n.kind === 'safety')
        .map((n) => n.html)
        .join(' ');
      for (const [number, tel] of [
        ['113', 'tel:113'],
        ['116 117', 'tel:116117'],
        ['116 123', 'tel:116123'],
        ['22 40 00 40', 'tel:22400040'],
        ['116 111', 'tel:116111'],
      ]) {
        expect(safety, `part ${section.id}: ${number}`).toContain(number);
        expect(safety, `part ${section.id}: ${tel}`).toContain(`href="${tel}"`);
      }
      // Each service is described in English, with the Norwegian name glossed, and no promise of English.
      expect(safety).toMatch(/Legevakt \(the out-of-hours doctor/);
      expect(safety).toMatch(/Alarmtelefonen for barn og unge \(the emergency line for children and young people\)/);
      expect(safety).toMatch(/open day and night/);
      expect(safety).toMatch(/you can ask if someone can speak English with you/);
      expect(safety).not.toMatch(/answer(s)? in English/);
    }
    expect(flat(part('velkommen'))).toMatch(/fastlege \(your regular GP\)/);
  });

  it('has no bokmål left in the prose, titles or labels (only the kept Norwegian names)', () => {
    for (const section of en.sections) {
      const text = withoutKeptNames(` ${section.title} ${section.summary ?? ''} ${flat(section)} ${labelsOf(section)} `);
      const bokmal = [' og ', ' ikke ', ' du ', ' å ', ' jeg ', ' det ', ' er ', ' som ', ' på ', ' med ', ' angsten '].filter((w) => text.toLowerCase().includes(w));
      expect(bokmal, `part ${section.id}: bokmål words`).toEqual([]);
      expect(text.match(/.{0,30}[æøåÆØÅ«»].{0,30}/g) ?? [], `part ${section.id}: Norwegian letters or quotes`).toEqual([]);
    }
    const checkin = en.instruments[en.measurement.checkin];
    expect(checkin?.title).toBe("Today's check-in");
    expect(checkin?.items.map((i) => i.text)).toEqual([
      'How strong has your anxiety been today?',
      'How much have you avoided things because of anxiety this week?',
      'How is your mood today?',
    ]);
  });

  it('reads easily: Flesch reading ease of at least 60 in every English part', () => {
    const { stats } = compileTree(['programs/angst']);
    const english = stats.filter((s) => s.program === 'angst' && s.locale === 'en');
    expect(english.map((s) => s.section)).toEqual(source.sections.map((s) => s.id));
    for (const s of english) expect(s.fleschReadingEase ?? 0, `part ${s.section}`).toBeGreaterThanOrEqual(60);
  });

  it('parts 3 and 5 say that needed medicine always comes along and calming medicine changes only with the doctor', () => {
    for (const id of ['sirkelen', 'eksponering']) {
      const note =
        notesOf(part(id))
          .filter((n) => n.kind === 'warning')
          .map((n) => n.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '))
          .find((n) => /medicine/i.test(n)) ?? '';
      expect(note, `part ${id} has a note on medicine`).not.toBe('');
      for (const word of ['asthma inhaler', 'adrenaline pen', 'insulin', 'epilepsy medicine']) expect(note, `part ${id}: ${word}`).toContain(word);
      expect(note).toMatch(/You always carry medicine you need/);
      expect(note).toMatch(/You change regular medicines and calming medicines only together with your doctor/);
    }
    expect(flat(part('sirkelen'))).toMatch(/Do not stop or cut down on your own\./);
    const safety = field(findExercise(en, 'my-circle').exercise, 'safety');
    expect(safety.options?.find((o) => o.value === 'items')?.label).not.toMatch(/medicine/i);
  });

  it('frames exposure as staying long enough to test the fear, with the one timing of the source', () => {
    const notFirst = 'The anxiety does not need to go down first.';
    const timing = 'Plan for 20 to 30 minutes when the situation can last that long.';
    const shortOnes = 'You repeat short situations, like asking for something in a shop, several times in a row instead.';
    for (const id of ['alarmen', 'eksponering']) {
      for (const rule of [notFirst, timing, shortOnes]) expect(flat(part(id)), `part ${id}`).toContain(rule);
    }
    expect(flat(part('eksponering'))).toContain('The anxiety does not need to be gone before you move on.');
    const all = en.sections.map(flat).join(' ');
    expect([...new Set(all.match(/\d+ to \d+ minutes/g))]).toEqual(['20 to 30 minutes']);
    const labels = en.sections.map(labelsOf).join(' ');
    for (const text of [all, labels]) {
      expect(text).not.toMatch(/until the anxiety (drops|has dropped|goes down|falls)/i);
      expect(text).not.toMatch(/passes by itself|goes away by itself/i);
    }
    const { exercise: log } = findExercise(en, 'exposure-log');
    expect(log.html).toMatch(/before you start/);
    expect(field(log, 'duration').unit).toBe('minutes');
    expect(field(findExercise(en, 'my-alarm').exercise, 'stayed').label).toBe('Did you stay in the situation?');
  });

  it('screens before the body exercises and tests panic beliefs in behavioural experiments', () => {
    const body = part('kroppen');
    const warning = notesOf(body)
      .filter((n) => n.kind === 'warning')
      .map((n) => n.html)
      .join(' ');
    for (const screen of ['Talk to a doctor before', 'heart or lung disease', 'asthma', 'epilepsy', 'high blood pressure', 'pregnant', 'asthma inhaler', 'Stop if you feel pain']) {
      expect(warning, screen).toContain(screen);
    }
    const text = flat(body);
    for (const fear of ['faint', 'heart attack', 'go mad', 'behavioural experiment', 'interoceptive exposure']) expect(text).toContain(fear);
    expect(text).toMatch(/for 30 seconds to one minute/);
    expect(text).toMatch(/You still always carry medicine you need\./);
    const experiment: CompiledExercise = findExercise(en, 'panic-experiment').exercise;
    expect(field(experiment, 'feared').options?.map((o) => o.label)).toEqual(expect.arrayContaining(['Fainting', 'Going mad']));
    expect(findExercise(en, 'behaviour-experiment').exercise.html).toMatch(/panic/);
  });

  it('part 1 says the login is a code and no name is stored, and no free-text field forgets the names reminder', () => {
    const text = flat(part('velkommen'));
    expect(text).not.toMatch(/anonymous/i);
    expect(text).toMatch(/You log in with a code, not with your name\. No names are stored in the program\./);
    expect(text).toMatch(/The professional who gave you the code knows who you are/);
    expect(text).toMatch(/our own English adaptation of GAD-7 and PHQ-9/);
    for (const ex of en.sections.flatMap(exercisesOf)) {
      for (const f of ex.fields.filter((f) => f.type === 'text' || f.type === 'longtext')) {
        expect(f.help ?? '', `${ex.id}#${f.id}`).toMatch(/names/);
      }
    }
  });

  it('the last part says what to do if the program did not help, and has a text for family and friends', () => {
    const last = en.sections[en.sections.length - 1] as CompiledSection;
    const html = last.blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
    expect(html).toContain('<h2>If the program did not help</h2>');
    expect(html).toContain('<h2>For family and friends</h2>');
    const text = flat(last);
    expect(text).toMatch(/It is not your fault/);
    for (const next of [/GP/, /Ask about medicine/, /distriktspsykiatrisk senter \(DPS, a community mental health centre\)/, /Try again later/]) expect(text).toMatch(next);
    expect(text).toMatch(/safety behaviour/);
    expect(findExercise(en, 'staying-well-plan').exercise.title).toBe('My plan for staying well');
  });

  it('states the spotlight-effect study as measured, as in the source', () => {
    const text = flat(part('sosial-angst'));
    for (const fact of ['spotlight effect', 'T-shirt', 'almost half', 'about one in four', 'about twice']) expect(text).toContain(fact);
    expect(text).not.toMatch(/The same goes for blushing/i);
  });

  it.each([
    ['sirkelen', 'ond-sirkel', /The vicious circle/, ['Situation', 'Avoidance or', 'safety behaviour', 'Next time, often stronger']],
    ['eksponering', 'angstkurve', /The anxiety curve/, ['Can go down', 'Can stay high', 'You stay and test', 'what you fear']],
  ])('part %s shows the English copy of %s.svg: alt text, long description, same drawing', (id, name, alt, labels) => {
    const section = part(id);
    const html = section.blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
    const img = html.match(new RegExp(`<img src="assets/${name}\\.en\\.svg" alt="([^"]+)">`));
    expect(img, `part ${id} shows ${name}.en.svg`).not.toBeNull();
    expect(img?.[1]).toMatch(alt);
    expect(flat(section)).toMatch(/The picture shows /);
    const svg = readFileSync(`programs/angst/assets/${name}.en.svg`, 'utf8');
    const original = readFileSync(`programs/angst/assets/${name}.svg`, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/<title[^>]*>[^<]+<\/title>/);
    expect(svg).toMatch(/<desc[^>]*>[^<]+<\/desc>/);
    expect(svg).not.toMatch(/[æøåÆØÅ«»]/);
    for (const label of labels) expect(svg).toContain(`>${label}`);
    const sizes = [...svg.matchAll(/(\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes), 'text at least 14 px').toBeGreaterThanOrEqual(14);
    // Same drawing: the shapes, positions, styles, colours and sizes are the original's; only the words differ.
    const drawing = (s: string) => s.replace(/(<(?:text|title|desc)\b[^>]*>)[^<]*</g, '$1<');
    expect(drawing(svg)).toBe(drawing(original));
  });
});
