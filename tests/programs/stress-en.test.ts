/**
 * The English edition of programs/stress ("Coping with stress", issue 17): every part
 * translated with the source's ids and structure, no errors or warnings, the
 * urgent-help numbers where the source has them (Vold- og overgrepslinjen and the police
 * in the boundaries part), no bokmål left in the prose, Flesch reading ease >= 60 per
 * part, and the program's clinical rules stated as precisely as in the source: each
 * questionnaire in its own time frame, who should see a doctor before breathing,
 * relaxation and harder exercise, the breathing and tensing instructions, the Directorate
 * of Health's activity advice, boundary practice never with someone who threatens you,
 * what to do if the program did not help, and the text for relatives and colleagues.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, notesOf, textOf } from './pack.ts';
import { loadEditions, norwegianLeft, structureOf, telLinks, type Editions } from './translated-edition.ts';
import type { CompiledSection } from '../../schemas/types.ts';

let ed: Editions;

beforeAll(() => {
  ed = loadEditions('stress');
});

const part = (id: string): CompiledSection => ed.en.sections.find((s) => s.id === id) as CompiledSection;
const htmlOf = (section: CompiledSection): string => section.blocks.map((b) => ('html' in b && typeof b.html === 'string' ? b.html : '')).join(' ');
const safetyHtml = (section: CompiledSection): string =>
  notesOf(section)
    .filter((n) => n.kind === 'safety')
    .map((n) => n.html)
    .join(' ');
/** The HTML between an h2 with this title and the next h2. */
const passage = (section: CompiledSection, title: string): string => {
  const html = section.blocks.map((b) => (b.type === 'html' ? b.html : '')).join(' ');
  return new RegExp(`<h2[^>]*>${title}</h2>([\\s\\S]*?)<h2`).exec(html)?.[1] ?? '';
};
/** The index of the first block of a part that matches, or -1. */
const blockIndex = (section: CompiledSection, test: (html: string, kind?: string) => boolean): number =>
  section.blocks.findIndex((b) => (b.type === 'html' || b.type === 'note') && test(b.html, b.type === 'note' ? b.kind : undefined));

const URGENT = ['tel:113', 'tel:116117', 'tel:116123', 'tel:22400040'];

describe('programs/stress in English', () => {
  it('compiles with no errors or warnings, the translation stamped and current', () => {
    expect(ed.problems).toEqual([]);
  });

  it('has every part in English, with the same ids and structure as the source', () => {
    expect(ed.en, 'the en edition').toBeDefined();
    expect(ed.en.locale).toBe('en');
    expect(ed.en.sections.map((s) => s.id)).toEqual(ed.nb.sections.map((s) => s.id));
    expect(ed.en.sections).toHaveLength(8);
    expect(structureOf(ed.en)).toEqual(structureOf(ed.nb));
    expect(ed.en.measurement).toEqual(ed.nb.measurement);
    expect(ed.en.version).toBe(ed.nb.version);
    for (const [i, section] of ed.en.sections.entries()) {
      expect(section.title, section.id).not.toBe(ed.nb.sections[i]?.title);
      expect(textOf(section), section.id).toMatch(/Summary/);
    }
    expect(ed.en.title).toBe('Coping with stress');
  });

  it('has the urgent-help numbers in every part where the source has them', () => {
    for (const [i, section] of ed.en.sections.entries()) {
      const source = ed.nb.sections[i] as CompiledSection;
      expect(telLinks(section), section.id).toEqual(telLinks(source));
    }
    for (const section of ed.en.sections) {
      const html = safetyHtml(section);
      if (!html) continue;
      for (const tel of URGENT) expect(html, `${section.id}: ${tel}`).toContain(`href="${tel}"`);
    }
    for (const id of ['velkommen', 'veien-videre']) {
      expect(safetyHtml(part(id)), id).toContain('href="tel:116111"');
      expect(safetyHtml(part(id)), id).toMatch(/Alarmtelefonen for barn og unge, a helpline for children and young people/);
    }
  });

  it('describes the Norwegian helplines honestly, without promising English', () => {
    const first = safetyHtml(part('velkommen'));
    expect(first).toMatch(/Legevakt \(the out-of-hours doctor\)/);
    expect(first).toMatch(/the medical emergency number/);
    expect(first).toMatch(/fastlege \(your regular GP\)/);
    expect(first).toMatch(/You can ask if someone can speak English with you/);
    const all = ed.en.sections.map(htmlOf).join(' ');
    expect(all).not.toMatch(/(answer|speak)s? (in )?English too|always speak English/i);
  });

  it('part 6 gives Vold- og overgrepslinjen 116 006, who it is for, the police, and keeps threats out of boundary practice', () => {
    const section = part('grenser');
    const note = notesOf(section).find((n) => n.kind === 'safety' && n.html.includes('href="tel:116006"'));
    expect(note, 'a safety note with 116 006').toBeDefined();
    expect(note?.html).toContain('Vold- og overgrepslinjen (the helpline about violence and abuse)');
    expect(note?.html).toMatch(/for anyone who is facing violence or abuse in a close relationship, or who is afraid of it/);
    expect(note?.html).toMatch(/The call is free/);
    expect(note?.html).toContain('href="tel:116111"');
    expect(note?.html).toContain('href="tel:112"');
    expect(note?.html).toMatch(/The police: call/);
    expect(textOf(section)).toMatch(/Do not choose a situation with someone who has threatened or hurt you/);
  });

  it('has no bokmål left in the English prose, labels, help texts and options', () => {
    for (const section of ed.en.sections) {
      const fields = exercisesOf(section).flatMap((e) => [e.title ?? '', ...e.fields.flatMap((f) => [f.label, f.help ?? '', f.placeholder ?? '', ...(f.anchors ?? []), ...(f.options ?? []).map((o) => o.label)])]);
      const text = [section.title, section.summary, textOf(section), ...fields].join(' ');
      expect(norwegianLeft(text), section.id).toEqual([]);
    }
    const checkin = ed.en.instruments[ed.en.measurement.checkin];
    expect(checkin?.title).toBe("Today's check-in");
    expect(norwegianLeft(JSON.stringify(checkin?.items))).toEqual([]);
  });

  it('reads easily: Flesch reading ease of at least 60 in every part', () => {
    expect(ed.enStats.size).toBe(8);
    for (const section of ed.en.sections) {
      const stats = ed.enStats.get(section.id);
      expect(stats?.fleschReadingEase ?? 0, section.id).toBeGreaterThanOrEqual(60);
    }
  });

  it('reminds the reader not to write names in every free-text field', () => {
    for (const section of ed.en.sections) {
      for (const ex of exercisesOf(section)) {
        for (const f of ex.fields.filter((f) => f.type === 'longtext' || f.type === 'text')) {
          expect(f.help, `${ex.id}.${f.id}`).toMatch(/Do not write names or other things that could show who someone is|Write roles, not names/);
        }
      }
    }
  });

  it('part 1 explains both questionnaires in their own time frames, the risk question and consent', () => {
    const text = textOf(part('velkommen'));
    expect(text).toMatch(/our own adaptation of PHQ-9, and it asks about the last two weeks\. So it comes every other week\./);
    expect(text).toMatch(/our own adaptation of PSS-10, and it asks about the last month\. So it comes every fourth week\./);
    expect(text).toMatch(/thoughts of death or of hurting yourself/);
    expect(text).toMatch(/at most once a day/);
    expect(text).toMatch(/Settings/);
  });

  it('the breathing tip in part 1 keeps its limits: four in, six out, a normal amount of air, heart or lung disease, dizziness', () => {
    const tip = notesOf(part('velkommen')).find((n) => /breathing/i.test(n.title ?? ''));
    expect(tip?.html).toMatch(/count to four/);
    expect(tip?.html).toMatch(/count to six/);
    expect(tip?.html).toMatch(/a normal amount of air, not extra deeply/);
    expect(tip?.html).toMatch(/heart or lung disease, read the advice in part 4/);
    expect(tip?.html).toMatch(/dizzy/);
  });

  it('part 4 starts with who should talk to the doctor first, before any breathing or tensing is taught', () => {
    const section = part('pust');
    const doctor = blockIndex(section, (html, kind) => kind === 'warning' && /talk with your doctor before you start/.test(html));
    expect(doctor, 'a see-your-doctor note').toBeGreaterThanOrEqual(0);
    const note = section.blocks[doctor];
    const html = note?.type === 'note' ? note.html : '';
    for (const who of [/heart or lung disease/, /COPD/, /asthma/, /high blood pressure/, /pregnant/]) expect(html).toMatch(who);
    expect(html).toMatch(/Stop the exercise/);
    expect(html).toContain('href="tel:113"');
    const breathing = blockIndex(section, (h) => /<h2[^>]*>Calm breathing<\/h2>/.test(h));
    const tensing = blockIndex(section, (h) => /<h2[^>]*>Muscle relaxation<\/h2>/.test(h));
    expect(breathing).toBeGreaterThan(doctor);
    expect(tensing).toBeGreaterThan(doctor);
    const text = textOf(section);
    expect(text).toMatch(/count calmly to four/);
    expect(text).toMatch(/count to six/);
    expect(text).toMatch(/Keep going for five minutes/);
    expect(text).toMatch(/Do not breathe extra deeply/);
    expect(text).toMatch(/for about five seconds/);
    expect(text).toMatch(/do not hold your breath/);
    expect(text).toMatch(/for 15 to 20 seconds/);
    expect(text).toMatch(/tense only lightly everywhere/);
    expect(text).toMatch(/If you are pregnant, skip the stomach/);
  });

  it("part 5 states the Directorate of Health's activity advice exactly, after who should see the doctor first", () => {
    const section = part('pafyll');
    const text = textOf(section);
    expect(text).toMatch(/Helsedirektoratet \(the Norwegian Directorate of Health\) advises/);
    expect(text).toMatch(/at least 150 to 300 minutes a week at moderate intensity/);
    expect(text).toMatch(/at least 75 to 150 minutes a week/);
    expect(text).toMatch(/under 18, the advice is at least 60 minutes a day on average/);
    expect(text).not.toMatch(/at least 150 minutes a week/);
    const advice = blockIndex(section, (h) => h.includes('150 to 300'));
    const doctor = blockIndex(section, (html, kind) => kind === 'warning' && /before you start to train hard/.test(html));
    expect(doctor, 'a see-your-doctor note').toBeGreaterThanOrEqual(0);
    expect(doctor, 'the note comes before the advice').toBeLessThan(advice);
    expect(text).toMatch(/coffee and energy drinks\s+after 14:00/);
    expect(text).toMatch(/Get up at the same time every day/);
  });

  it('the last part says what to do if the program did not help: not your fault, GP, medicine, DPS, try again', () => {
    const text = passage(part('veien-videre'), 'If the program has not helped enough');
    expect(text, 'the passage exists').not.toBe('');
    expect(text).toMatch(/not your fault/);
    expect(text).toMatch(/your professional/);
    expect(text).toMatch(/GP/);
    expect(text).toMatch(/[Mm]edicine/);
    expect(text).toMatch(/DPS \(distriktspsykiatrisk senter, a community mental health centre\)/);
    expect(text).toMatch(/try again later/);
  });

  it('the last part has a text for family, friends and colleagues that says to ask directly and where to call', () => {
    const text = passage(part('veien-videre'), 'For family, friends and colleagues');
    expect(text, 'the passage exists').not.toBe('');
    expect(text).toMatch(/At work:/);
    expect(text).toMatch(/Are you having thoughts of taking your own life\?/);
    expect(text).toContain('href="tel:113"');
    expect(text).toContain('href="tel:116117"');
    expect(text).toMatch(/Take care of yourself too/);
  });

  it('the last part explains the traffic light and the end evaluation with our own adaptations', () => {
    const text = textOf(part('veien-videre'));
    expect(text).toMatch(/Green light/);
    expect(text).toMatch(/Yellow light/);
    expect(text).toMatch(/Red light/);
    expect(text).toMatch(/our own adaptations of well-known forms \(PSS-10, PHQ-9 and GAD-7\)/);
  });
});
