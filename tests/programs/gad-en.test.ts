/**
 * The English edition of programs/gad ("Coping with worry", issue 17): it exists with every
 * part and the source's ids and structure, gives the urgent-help numbers (116 111 too, for
 * young readers) wherever the bokmål parts do, has no bokmål left in what the reader sees,
 * reads at Flesch 60 or above per part, and states the program's clinical rules as precisely
 * as the source: worry time of 15 to 30 minutes at a fixed time and place and never in the
 * last hour before bed, the two sorting questions, experiments starting at unease 3 to 5,
 * not waiting for the unease to fall, written exposure (who talks to the professional first,
 * before the method; first person and present tense; 20 to 30 minutes; no neutralising;
 * several days in a row), what to do if the program did not help, and the end measurement.
 * The English decision tree is the bokmål one with English words.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import type { CompiledExercise, CompiledProgram, CompiledSection, NoteBlock } from '../../schemas/types.ts';
import { exercisesOf, field, loadProgram, notesOf, textOf } from './pack.ts';

let source: CompiledProgram;
let en: CompiledProgram;
let problems: string[];

beforeAll(() => {
  ({ program: source, problems } = loadProgram('gad'));
  en = source.editions?.en as CompiledProgram;
});

/** Text with tags gone and white space and the space before punctuation squeezed out. */
const squash = (text: string) => text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replace(/ ([:?.,;])/g, '$1').trim();
const part = (id: string): CompiledSection => {
  const found = en.sections.find((s) => s.id === id);
  expect(found, `English part ${id}`).toBeDefined();
  return found as CompiledSection;
};
const text = (id: string) => squash(textOf(part(id)));
const exercise = (id: string): CompiledExercise => {
  const found = en.sections.flatMap(exercisesOf).find((e) => e.id === id);
  expect(found, `English exercise ${id}`).toBeDefined();
  return found as CompiledExercise;
};
const notes = (section: CompiledSection, kind: NoteBlock['kind']): NoteBlock[] => notesOf(section).filter((n) => n.kind === kind);
/** Everything a person reads in a part: prose, notes, titles and every field's words. */
const everything = (section: CompiledSection): string =>
  [
    textOf(section),
    section.title,
    section.summary ?? '',
    ...notesOf(section).map((n) => n.title ?? ''),
    ...exercisesOf(section).flatMap((e) => [
      e.title ?? '',
      ...e.fields.flatMap((f) => [f.label, f.help ?? '', f.placeholder ?? '', ...(f.anchors ?? []), f.unit ?? '', ...(f.options ?? []).map((o) => o.label)]),
    ]),
  ].join(' ');

describe('programs/gad, English edition: complete and in step with the source', () => {
  it('compiles with no errors or warnings (so every translation is stamped) and has every part in English', () => {
    expect(problems).toEqual([]);
    expect(en, 'editions.en').toBeDefined();
    expect(en.locale).toBe('en');
    expect(en.title).toBe('Coping with worry');
    expect(en.sections.map((s) => s.id)).toEqual(source.sections.map((s) => s.id));
    expect(en.measurement).toEqual(source.measurement);
    expect(en.instruments.checkin?.title).toBe("Today's check-in");
    expect(en.instruments.checkin?.items.map((i) => i.text)).toEqual([
      'How much have you worried today?',
      'How much of the day has gone to worry?',
      'How uneasy or anxious have you felt today?',
    ]);
  });

  it('keeps every exercise, field, option value, requirement and note of the source', () => {
    const shape = (s: CompiledSection) =>
      exercisesOf(s).map((e) => ({
        id: e.id,
        kind: e.kind,
        required: e.required,
        repeatable: e.repeatable,
        minEntries: e.minEntries,
        fields: e.fields.map((f) => ({ id: f.id, type: f.type, required: f.required, min: f.min, max: f.max, options: f.options?.map((o) => o.value) })),
      }));
    source.sections.forEach((nb, i) => {
      const english = en.sections[i] as CompiledSection;
      expect(english.requirements, `part ${nb.id}`).toEqual(nb.requirements);
      expect(english.unlock, `part ${nb.id}`).toEqual(nb.unlock);
      expect(shape(english), `part ${nb.id}`).toEqual(shape(nb));
      expect(notesOf(english).map((n) => n.kind), `part ${nb.id}`).toEqual(notesOf(nb).map((n) => n.kind));
    });
  });

  it('gives every urgent-help number, as a link, in each part where the source does, described in English', () => {
    const numbers = [
      ['113', 'tel:113'],
      ['116 117', 'tel:116117'],
      ['116 123', 'tel:116123'],
      ['22 40 00 40', 'tel:22400040'],
      ['116 111', 'tel:116111'],
    ] as const;
    const withNumbers = source.sections.filter((s) => notes(s, 'safety').some((n) => n.html.includes('tel:113')));
    expect(withNumbers.map((s) => s.id)).toEqual(['velkommen', 'problemlosning', 'usikkerhet', 'tanker-om-bekymring', 'her-og-na', 'veien-videre']);
    for (const nb of withNumbers) {
      const html = notes(part(nb.id), 'safety')
        .map((n) => n.html)
        .join(' ');
      for (const [number, tel] of numbers) {
        expect(html, `part ${nb.id}: ${number}`).toContain(number);
        expect(html, `part ${nb.id}: ${tel}`).toContain(`href="${tel}"`);
      }
      const words = squash(html);
      expect(words, nb.id).toMatch(/legevakt \(the out-of-hours doctor\)/i);
      expect(words, nb.id).toContain("Mental Helse's helpline");
      expect(words, nb.id).toContain('day and night');
      expect(words, nb.id).toContain('Alarmtelefonen for barn og unge (the helpline for children and young people)');
      // No promise that the lines answer in English: the reader is told how to ask.
      expect(words, nb.id).toContain('You can ask if someone can speak English with you.');
    }
    // The note for relatives in the last part keeps its two numbers.
    const relatives = part('veien-videre').blocks.find((b) => b.type === 'html' && /Are you afraid that the person close to you/.test(b.html));
    expect(relatives?.type === 'html' && relatives.html).toContain('href="tel:116117"');
    expect(relatives?.type === 'html' && relatives.html).toContain('href="tel:113"');
  });

  it('has no bokmål left in what the reader sees', () => {
    // Norwegian names kept on purpose, each glossed in English: services, institutions, places.
    const kept = /Mental Helse|Kirkens SOS|[Ll]egevakt|fastlege|Alarmtelefonen for barn og unge|Lånekassen|NAV|DPS|Bodø|Hamar|Trondheim|Valdres/g;
    const bokmal = /(?<!\p{L})(og|ikke|du|deg|jeg|det|er|som|på|med|til|av|har|kan|å|eller|når|hvis|bekymr\p{L}*|uro\p{L}*|kl\.)(?!\p{L})/giu;
    for (const section of en.sections) {
      const words = everything(section).replace(kept, '');
      expect([...words.matchAll(bokmal)].map((m) => m[0]), `part ${section.id}`).toEqual([]);
      expect(words, `part ${section.id}: no æ, ø or å`).not.toMatch(/[æøå]/i);
    }
  });

  it('reminds the person not to write names in every free-text field', () => {
    for (const ex of en.sections.flatMap(exercisesOf)) {
      for (const f of ex.fields.filter((f) => f.type === 'text' || f.type === 'longtext')) {
        expect(f.help ?? '', `${ex.id}#${f.id}`).toMatch(/names/);
      }
    }
  });

  it('reads at Flesch reading ease 60 or above in every part', () => {
    const { stats } = compileTree(['programs/gad']);
    const english = stats.filter((s) => s.program === 'gad' && s.locale === 'en');
    expect(english.map((s) => s.section)).toEqual(source.sections.map((s) => s.id));
    for (const s of english) expect(s.fleschReadingEase, s.section).toBeGreaterThanOrEqual(60);
  });
});

describe('programs/gad, English edition: the clinical rules, as precise as the bokmål', () => {
  it('part 1: consent under Settings, the questionnaire plan, and part 2 after three log entries', () => {
    const first = text('velkommen');
    expect(first).toMatch(/You can change your choice at any time, under Settings\. The change takes effect at once\./);
    expect(first).toMatch(/It comes at most once a day/);
    expect(first).toMatch(/At the start and at the end you fill in three questionnaires/);
    expect(first).toMatch(/the one about unease and worry once a week, and the one about mood every second week/);
    expect(first).toMatch(/Part 2 opens when you have written in the log at least three times/);
    expect(first).toMatch(/Part 2 opens when you have at least three entries/);
  });

  it('part 2: worry time is 15 to 30 minutes, at a fixed time and place, not in bed, not in the last hour before bed, and ends with the alarm', () => {
    const worryTime = text('bekymringstid');
    expect(worryTime).toMatch(/Set aside 15 to 30 minutes at the same time each day/);
    expect(worryTime).toMatch(/Avoid the last hour before you go to bed/);
    expect(worryTime).toMatch(/Use the same place each day/);
    expect(worryTime).toMatch(/Do not use your bed/);
    expect(worryTime).toMatch(/When the alarm rings, you stop, even if you are not finished/);
    expect(worryTime).toMatch(/Putting off is not the same as pushing away/);
    expect(worryTime).toMatch(/Worry time is a fixed time of 15 to 30 minutes each day, in the same place/);
    expect(field(exercise('worry-time-plan'), 'length').help).toBe('Choose between 15 and 30 minutes.');
    expect(field(exercise('worry-time-log'), 'held').options?.map((o) => o.label)).toEqual(['Yes, as planned', 'Yes, but shorter or at another time', 'No']);
  });

  it('part 3: the two sorting questions, and the decision tree in English with alt text and a long description', () => {
    const sorting = text('to-slags-bekymring');
    expect(sorting).toMatch(/Is this about a problem I have now\?/);
    expect(sorting).toMatch(/Can I do something about it now, or soon\?/);
    expect(sorting).toMatch(/If the answer is yes to both, it is a practical worry/);
    expect(sorting).toMatch(/If the answer is no to one of them, it is likely a hypothetical worry/);
    expect(field(exercise('worry-sorting'), 'plan').options?.map((o) => o.label)).toEqual([
      'Do something about it now',
      'Use problem solving (part 4)',
      'Put it off until worry time',
      'Notice the thought and let it go',
    ]);

    const html = part('to-slags-bekymring')
      .blocks.map((b) => (b.type === 'html' ? b.html : ''))
      .join('');
    expect(html).toMatch(/<img src="assets\/bekymringstre\.en\.svg" alt="A decision tree for worries: [^"]{40,}">/);
    expect(html).toMatch(/<img[^>]*><\/p>\s*<p>The picture shows the sorting as a decision tree\..*problem you have now.*Practical.*problem solving.*Hypothetical.*worry time/s);
  });

  it('the English decision tree is the bokmål drawing with English words that fit', () => {
    const nb = readFileSync('programs/gad/assets/bekymringstre.svg', 'utf8');
    const svg = readFileSync('programs/gad/assets/bekymringstre.en.svg', 'utf8');
    // Same shapes, positions, colours and sizes: only the words differ.
    const drawing = (s: string) => s.replace(/>[^<]*</g, '><');
    expect(drawing(svg)).toBe(drawing(nb));
    expect(svg).toMatch(/<title id="[^"]+">Practical or hypothetical worry\?<\/title>/);
    expect(svg).toMatch(/<desc id="[^"]+">A decision tree with two questions\.[^<]{80,}<\/desc>/);
    expect(svg).not.toMatch(/<script|<foreignObject|href=|url\(|@import|\son[a-z]+=/i);
    expect(svg).not.toMatch(/[æøå]/i);
    for (const words of ['You notice a worry', 'Is it about a problem', 'Can you do something', 'Practical', 'Hypothetical', 'problem solving', 'worry time.', '>Yes<', '>No<']) {
      expect(svg).toContain(words);
    }
    // Each line of text fits its box: about 7.5 px a character at 14 px Arial (9 px bold at 16).
    const boxWidth: Record<string, number> = { '130': 240, '85': 150, '240': 140 };
    for (const m of svg.matchAll(/<text x="(\d+)" y="\d+" text-anchor="middle"( font-size="16")?[^>]*>([^<]+)<\/text>/g)) {
      const [x, big, words] = [m[1] as string, Boolean(m[2]), m[3] as string];
      if (!(x in boxWidth)) continue; // the "No" labels on the arrows
      expect(words.length * (big ? 9 : 7.5), `"${words}" fits its box`).toBeLessThanOrEqual((boxWidth[x] as number) - 8);
    }
  });

  it('part 4: six steps, a solution that is good enough, and back to step 3 if it did not work', () => {
    const solving = text('problemlosning');
    expect(solving).toMatch(/Problem solving in six steps/);
    for (const step of ['1. Describe the problem clearly.', '2. Decide what you want to achieve.', '3. Find many possible solutions.', '4. Weigh up the solutions.', '5. Choose one solution and make a plan.', '6. Try it, and look at the result.']) {
      expect(solving).toContain(step);
    }
    expect(solving).toMatch(/go back to step 3 and choose another solution/);
    expect(solving).toMatch(/Good enough is good enough/);
    expect(solving).toMatch(/NAV \(the Norwegian Labour and Welfare Administration\)/);
  });

  it('part 5: experiments start at unease 3 to 5, and nobody waits for the unease to fall', () => {
    const uncertainty = text('usikkerhet');
    expect(uncertainty).toMatch(/Choose something that gives unease of 3 to 5 out of 10/);
    expect(field(exercise('uncertainty-behaviours'), 'first-experiment').placeholder).toBe('Something that gives unease of about 3 to 5 out of 10');
    expect(squash(notes(part('usikkerhet'), 'tip').map((n) => n.html).join(' '))).toMatch(/You do not need to wait until it has gone down/);
    expect(uncertainty).toMatch(/Still, you should not wait until the unease has gone down\. You stop when the time is up\./);
    expect(squash(notes(part('usikkerhet'), 'warning').map((n) => n.html).join(' '))).toMatch(/If you have new symptoms, talk with a doctor/);
  });

  it('part 5: written exposure, with who talks to the professional first before the method is taught', () => {
    const section = part('usikkerhet');
    const exposure = text('usikkerhet');
    expect(exposure).toMatch(/Write the scene with “I”, in the present tense/);
    expect(exposure).toMatch(/Stop there, without a good ending/);
    expect(exposure).toMatch(/Stay in the scene for 20 to 30 minutes\. Set an alarm\./);
    expect(exposure).toMatch(/This is called neutralising/);
    expect(exposure).toMatch(/do not ask anyone if things are fine afterwards/);
    expect(exposure).toMatch(/Give your unease a number from 0 to 10 before you start, when it is at its strongest, and when the time is up/);
    expect(exposure).toMatch(/ideally four or five days in a row with the same scene/);
    expect(exposure).toMatch(/Writing about something does not make it happen/);
    expect(field(exercise('worry-exposure'), 'minutes').help).toBe('The aim is 20 to 30 minutes.');

    const warningAt = section.blocks.findIndex((b) => b.type === 'note' && b.kind === 'warning' && /Talk with the professional before you try it/.test(b.html));
    expect(warningAt, 'the warning on who talks to the professional first').toBeGreaterThanOrEqual(0);
    const warning = squash((section.blocks[warningAt] as NoteBlock).html);
    expect(warning).toMatch(/harming yourself, or about you harming someone else/);
    expect(warning).toMatch(/memories of something painful you have been through, for example an accident, violence or abuse/);
    expect(warning).toMatch(/you feel very low or have thoughts of taking your own life/);
    const howAt = section.blocks.findIndex((b) => b.type === 'html' && /How to do it/.test(b.html));
    expect(warningAt).toBeLessThan(howAt);

    const before = squash(textOf(section).split('Before the next part')[1] ?? '');
    expect(before).toMatch(/20 to 30 minutes each time, on at least three days/);
    expect(before).toMatch(/Talk with the professional first if the worry is about harming yourself or others, or brings back painful memories/);
    expect(text('veien-videre')).toMatch(/Write out the worst case, 20 to 30 minutes, on several days in a row \(part 5\)/);
  });

  it('part 6: worry is tiring but not dangerous, tested with experiments', () => {
    const beliefs = text('tanker-om-bekymring');
    expect(beliefs).toMatch(/Worry is tiring, but it is not dangerous/);
    expect(beliefs).toMatch(/Try to worry as much as you can, on purpose, for ten minutes/);
  });

  it('the last part: the plan, what to do if the program did not help, relatives, and the end measurement', () => {
    const last = text('veien-videre');
    for (const id of ['warning-signs', 'what-helps', 'if-worse', 'contacts']) expect(field(exercise('staying-well-plan'), id).required).toBe(true);
    expect(field(exercise('staying-well-plan'), 'contacts').help).toMatch(/Write roles, not names/);
    expect(last).toMatch(/If the program did not help/);
    expect(last).toMatch(/That is not your fault/);
    expect(last).toMatch(/Go to your fastlege \(your regular GP\)/);
    expect(last).toMatch(/Medicine can help some people/);
    expect(last).toMatch(/a DPS \(a district psychiatric centre\)/);
    expect(last).toMatch(/Try again later/);
    expect(last).toMatch(/You may answer once, but not again and again to the same question/);
    expect(last).toMatch(/our own English adaptation of PHQ-9/);
    expect(last).toMatch(/our own English adaptation of GAD-7/);
    expect(last).toMatch(/You have only answered that one at the start/);
  });
});
