/**
 * The English edition of programs/depresjon ("Coping with depression", issue 17): every
 * part translated with the source's ids and structure, no errors or warnings, the
 * urgent-help numbers where the source has them, no bokmål left in the prose, Flesch
 * reading ease >= 60 per part, the English circle diagram, and the program's clinical
 * rules stated as precisely as in the source (weekly PHQ-9 with its risk question, the
 * Directorate of Health's activity advice after who should see the doctor first, a set
 * rise time, what to do if the program did not help, asking relatives to ask directly).
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, notesOf, textOf } from './pack.ts';
import { loadEditions, norwegianLeft, structureOf, telLinks, type Editions } from './translated-edition.ts';
import type { CompiledSection } from '../../schemas/types.ts';

let ed: Editions;

beforeAll(() => {
  ed = loadEditions('depresjon');
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

const URGENT = ['tel:113', 'tel:116117', 'tel:116123', 'tel:22400040'];
const EN_SVG = 'programs/depresjon/assets/sirkelen.en.svg';
const NB_SVG = 'programs/depresjon/assets/sirkelen.svg';

describe('programs/depresjon in English', () => {
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
    expect(ed.en.title).toBe('Coping with depression');
  });

  it('has the urgent-help numbers in every part where the source has them', () => {
    for (const [i, section] of ed.en.sections.entries()) {
      const source = ed.nb.sections[i] as CompiledSection;
      expect(telLinks(section), section.id).toEqual(telLinks(source));
    }
    for (const id of ['velkommen', 'tankene', 'grubling', 'veien-videre']) {
      const html = safetyHtml(part(id));
      for (const tel of URGENT) expect(html, `${id}: ${tel}`).toContain(`href="${tel}"`);
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
          if (f.id === 'contacts') expect(f.help).toMatch(/Write roles, not names/);
          else expect(f.help, `${ex.id}.${f.id}`).toMatch(/Do not write names or other things that could show who someone is/);
        }
      }
    }
  });

  it('part 1 says what the weekly questionnaire is, what it asks about risk, and how consent works', () => {
    const text = textOf(part('velkommen'));
    expect(text).toMatch(/Once a week you answer/);
    expect(text).toMatch(/our own adaptation of PHQ-9/);
    expect(text).toMatch(/the last two weeks/);
    expect(text).toMatch(/thoughts of death or of hurting yourself/);
    expect(text).toMatch(/at most once a day/);
    expect(text).toMatch(/Settings/);
    expect(text).toMatch(/at least three days/);
  });

  it('shows the English circle diagram in part 1 with alt text and a describing paragraph', () => {
    const html = htmlOf(part('velkommen'));
    const img = /<img src="assets\/sirkelen\.en\.svg" alt="([^"]+)"[^>]*>([\s\S]*?)<\/p>\s*<p>([^<]+)<\/p>/.exec(html);
    expect(img, 'the image and the paragraph after it').not.toBeNull();
    expect(img?.[1]).toMatch(/vicious circle/);
    expect(img?.[1]).toMatch(/good circle/);
    expect(img?.[3]).toMatch(/^The drawing shows/);
    expect(img?.[3]?.split(/\s+/).length).toBeGreaterThan(40);
  });

  describe('the English circle diagram', () => {
    let en = '';
    let nb = '';
    beforeAll(() => {
      en = existsSync(EN_SVG) ? readFileSync(EN_SVG, 'utf8') : '';
      nb = readFileSync(NB_SVG, 'utf8');
    });
    const shapes = (svg: string) => svg.replace(/>[^<]*</g, '><').replace(/<(title|desc)[^>]*>[^<]*<\/\1>/g, '');

    it('has the same shapes, colours and sizes as the Norwegian one, with only the words changed', () => {
      expect(en, EN_SVG).not.toBe('');
      expect(shapes(en)).toBe(shapes(nb));
    });

    it('is in English, accessible and readable at 320 px', () => {
      const words = [...en.matchAll(/>([^<>]+)</g)].map((m) => m[1]).join(' ');
      expect(norwegianLeft(words)).toEqual([]);
      expect(en).toMatch(/<title id="sirkelen-title">The vicious circle[^<]{20,}<\/title>/);
      expect(en).toMatch(/<desc id="sirkelen-desc">[^<]{100,}<\/desc>/);
      expect(en).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="sirkelen-title sirkelen-desc"/);
      expect(en).not.toMatch(/<script|<foreignObject|\son[a-z]+=|href=|@import/i);
      for (const label of ['The vicious circle', 'Low energy', 'Doing less', 'Lower mood', 'Do one small thing, as planned', 'achievement', 'gets easier']) {
        expect(en).toContain(label);
      }
      // About 8.5 px per character at 16 px: every line fits its 140-unit box (or the 260-unit one).
      const lines = [...en.matchAll(/<(?:tspan|text) x="(80|240)"[^>]*>([^<]+)</g)].map((m) => m[2] as string);
      expect(lines.length).toBeGreaterThan(8);
      for (const line of lines) expect(line.length * 8.5, line).toBeLessThanOrEqual(132);
    });
  });

  it("part 7 states the Directorate of Health's activity advice exactly, after who should see the doctor first", () => {
    const section = part('rytme');
    const text = textOf(section);
    expect(text).toMatch(/Helsedirektoratet \(the Norwegian Directorate of Health\) advises/);
    expect(text).toMatch(/at least 150 to 300 minutes a week at moderate intensity/);
    expect(text).toMatch(/at least 75 to 150 minutes a week/);
    expect(text).toMatch(/two days a week or more/);
    expect(text).toMatch(/under 18, the advice is at least 60 minutes a day on average/);
    expect(text).not.toMatch(/at least 150 minutes a week/);
    const advice = section.blocks.findIndex((b) => b.type === 'html' && b.html.includes('150 to 300'));
    const doctor = section.blocks.findIndex((b) => b.type === 'note' && b.kind === 'warning' && /before you start to train hard/.test(b.html));
    expect(doctor, 'a see-your-doctor note').toBeGreaterThanOrEqual(0);
    expect(doctor, 'the note comes before the advice').toBeLessThan(advice);
    const note = section.blocks[doctor];
    expect(note?.type === 'note' && note.html).toMatch(/heart or lung disease/);
    expect(note?.type === 'note' && note.html).toMatch(/chest pain that does not go away, call/);
  });

  it('part 7 keeps the sleep and rhythm rules: a set rise time every day, short naps before 15:00', () => {
    const text = textOf(part('rytme'));
    expect(text).toMatch(/getting up at the same time every day\. Also at weekends\. Also after a bad night\./);
    expect(text).toMatch(/less than half an hour, before 15:00/);
    expect(text).toMatch(/move the time half an hour at a time/);
  });

  it('the activity parts keep the plan rules: act on the plan, small and concrete, guess pleasure before and rate after', () => {
    const text = textOf(part('aktiviteter'));
    expect(text).toMatch(/following a plan instead of following a feeling/);
    expect(text).toMatch(/small, concrete and set for a certain time/);
    expect(text).toMatch(/at least four small activities/);
    expect(text).toMatch(/guess the pleasure before, and then give a number afterwards/);
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

  it('the last part has a text for family and friends that says to ask directly and where to call', () => {
    const text = passage(part('veien-videre'), 'For family and friends');
    expect(text, 'the passage exists').not.toBe('');
    expect(text).toMatch(/Are you having thoughts of taking your own life\?/);
    expect(text).toMatch(/does not put the thought into anyone&#x27;s head|does not put the thought into anyone's head/);
    expect(text).toContain('href="tel:113"');
    expect(text).toContain('href="tel:116117"');
    expect(text).toMatch(/Take care of yourself too/);
  });

  it('the last part explains the end evaluation with our own adaptations of PHQ-9 and GAD-7', () => {
    const text = textOf(part('veien-videre'));
    expect(text).toMatch(/our own adaptation of PHQ-9/);
    expect(text).toMatch(/our own adaptation of GAD-7/);
    expect(text).toMatch(/End evaluation/);
  });
});
