/**
 * The English edition of programs/sovn ("Better sleep", issue 17): it exists with every
 * part and the source's ids and structure, gives the urgent-help numbers wherever the
 * bokmål parts do, has no bokmål left in its prose, reads at Flesch 60 or above per part,
 * and states the clinical rules as precisely as the source: who must talk to their doctor
 * before the sleep window, the window from 7 diary nights and never under 5 hours, the
 * weekly 85/90 % rule (one table, the same in parts 4 and 6), the rule for unintended
 * daytime sleep, driving, the rules for the night, tapering sleeping pills only with the
 * doctor, and the worked examples with the engine's own arithmetic. The English diagram is
 * the bokmål one with English words.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import { sleepWindow, summariseNight, type SleepDiaryNight } from '../../engine/exercises/sleep-diary.ts';
import type { CompiledExercise, CompiledProgram, CompiledSection, NoteBlock } from '../../schemas/types.ts';
import { exercisesOf, field, loadProgram, notesOf, textOf } from './pack.ts';

let source: CompiledProgram;
let en: CompiledProgram;
let problems: string[];

beforeAll(() => {
  ({ program: source, problems } = loadProgram('sovn'));
  en = source.editions?.en as CompiledProgram;
});

const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/ ([:?.,])/g, '$1').trim();
const part = (id: string): CompiledSection => {
  const found = en.sections.find((s) => s.id === id);
  expect(found, `English part ${id}`).toBeDefined();
  return found as CompiledSection;
};
const exercise = (id: string): { exercise: CompiledExercise; section: CompiledSection } => {
  for (const section of en.sections) {
    const found = exercisesOf(section).find((e) => e.id === id);
    if (found) return { exercise: found, section };
  }
  throw new Error(`exercise '${id}' not in the English edition`);
};
const notesText = (section: CompiledSection, kind: NoteBlock['kind']): string =>
  squash(
    notesOf(section)
      .filter((n) => n.kind === kind)
      .map((n) => n.html.replace(/<[^>]+>/g, ' '))
      .join(' '),
  );
/** Everything a person reads in a part: text, note titles and every field's label, help, placeholder and option. */
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

describe('programs/sovn, English edition: complete and in step with the source', () => {
  it('compiles with no errors or warnings and has an English edition of every part', () => {
    expect(problems).toEqual([]);
    expect(en, 'editions.en').toBeDefined();
    expect(en.locale).toBe('en');
    expect(en.title).toBe('Better sleep');
    expect(en.sections.map((s) => s.id)).toEqual(source.sections.map((s) => s.id));
    expect(en.measurement).toEqual(source.measurement);
    expect(en.instruments.checkin?.title).toBe("Today's check-in");
    expect(en.instruments.checkin?.items.map((i) => i.text)).toEqual([
      'How well did you sleep last night?',
      'How sleepy or worn out do you feel today?',
      'How much do you worry about your sleep today?',
    ]);
  });

  it('keeps every exercise, field, option value, rule and note of the source', () => {
    source.sections.forEach((nb, i) => {
      const english = en.sections[i] as CompiledSection;
      expect(english.requirements, `part ${nb.id}`).toEqual(nb.requirements);
      expect(english.unlock, `part ${nb.id}`).toEqual(nb.unlock);
      const shape = (s: CompiledSection) =>
        exercisesOf(s).map((e) => ({
          id: e.id,
          kind: e.kind,
          required: e.required,
          minEntries: e.minEntries,
          fields: e.fields.map((f) => ({ id: f.id, type: f.type, required: f.required, min: f.min, max: f.max, options: f.options?.map((o) => o.value) })),
        }));
      expect(shape(english), `part ${nb.id}`).toEqual(shape(nb));
      expect(notesOf(english).map((n) => n.kind), `part ${nb.id}`).toEqual(notesOf(nb).map((n) => n.kind));
    });
  });

  it('gives every urgent-help number, as a link, in each part where the source does, and says how to ask for English', () => {
    const urgent = [
      ['113', 'tel:113'],
      ['116 117', 'tel:116117'],
      ['116 123', 'tel:116123'],
      ['22 40 00 40', 'tel:22400040'],
    ] as const;
    const withNumbers = source.sections.filter((s) => notesOf(s).some((n) => n.kind === 'safety' && n.html.includes('tel:113')));
    expect(withNumbers.map((s) => s.id)).toEqual(['velkommen', 'sovnvinduet', 'tankene', 'veien-videre']);
    for (const nb of withNumbers) {
      const html = notesOf(part(nb.id))
        .filter((n) => n.kind === 'safety')
        .map((n) => n.html)
        .join(' ');
      for (const [number, tel] of urgent) {
        expect(html, `part ${nb.id}: ${number}`).toContain(number);
        expect(html, `part ${nb.id}: ${tel}`).toContain(`href="${tel}"`);
      }
      const text = notesText(part(nb.id), 'safety');
      expect(text).toContain('Legevakt (the out-of-hours doctor)');
      expect(text).toContain("Mental Helse's helpline");
      expect(text).toContain('open day and night');
      expect(text).toContain('You can ask if someone can speak English with you.');
    }
  });

  it('has no bokmål left in what the reader sees', () => {
    // Norwegian names kept on purpose, each with an English gloss: services, institutions, snus.
    const kept = /Mental Helse|Kirkens SOS|Legevakt|fastlege|distriktspsykiatrisk senter|kommune|snus/g;
    const bokmal = /(?<!\p{L})(og|ikke|du|deg|jeg|det|er|som|på|med|til|av|har|kan|å|eller|når|hvis|søvn\p{L}*|natt\p{L}*|sengen|kl\.)(?!\p{L})/giu;
    for (const section of en.sections) {
      const text = everything(section).replace(kept, '');
      expect([...text.matchAll(bokmal)].map((m) => m[0]), `part ${section.id}`).toEqual([]);
      expect(text, `part ${section.id}: no æ, ø or å`).not.toMatch(/[æøå]/i);
    }
  });

  it('reads at Flesch reading ease 60 or above in every part', () => {
    const { stats } = compileTree(['programs/sovn']);
    const english = stats.filter((s) => s.program === 'sovn' && s.locale === 'en');
    expect(english.map((s) => s.section)).toEqual(source.sections.map((s) => s.id));
    for (const s of english) expect(s.fleschReadingEase, s.section).toBeGreaterThanOrEqual(60);
  });
});

/** Who must talk to their doctor before the sleep window, as each English part words them. */
const mustAskFirst: [what: string, inPart1: RegExp, inPart3: RegExp][] = [
  ['bipolar disorder', /bipolar disorder.{0,30}Too little sleep can set off a new period of mania/s, /have bipolar disorder/],
  ['epilepsy', /epilepsy.{0,30}Too little sleep can cause seizures/s, /have epilepsy/],
  ['psychosis', /have or have had a psychosis/, /have or have had a psychosis/],
  ['pregnancy', /You are pregnant/, /are pregnant/],
  ['sleepwalking', /sleepwalk/, /sleepwalk/],
  ['fall risk, with older people and unsteadying medicine', /fall easily.{0,60}older.{0,80}medicines that make you unsteady or dizzy/s, /fall easily/],
  ['drivers and safety-critical work', /drive a car.{0,60}job where it can be dangerous to be sleepy/s, /drive a car in daily life, or have a job where being sleepy can be dangerous/],
];

const daytimeSleepRule =
  'If you fall asleep in the day: Do you fall asleep in the day without meaning to? Or are you so sleepy that it could be dangerous, for example behind the wheel or at a machine? Then make the window longer at once: go to bed 15 to 30 minutes earlier. Get in touch with the professional.';

describe('programs/sovn, English edition: the clinical rules, as precise as the bokmål', () => {
  it('asks in part 1 who must talk to their doctor before the sleep window, with options in English', () => {
    const { exercise: screening, section } = exercise('sleep-window-screening');
    expect(section.id).toBe('velkommen');
    const text = squash(textOf(section));
    for (const [what, words] of mustAskFirst) expect(text, `part 1 names ${what}`).toMatch(words);
    expect(text).toContain('Talk to your fastlege (your regular GP) or the professional before you start the sleep window if any of this applies to you');
    expect(text).toContain('Did you answer yes, or are you not sure? Then talk to your GP or the professional before you start the sleep window in part 3.');
    expect(field(screening, 'screening-applies').options?.map((o) => o.label)).toEqual([
      'Yes, something on the list applies to me',
      'No, nothing on the list applies to me',
      'I am not sure',
    ]);
    expect(field(screening, 'screening-which').options?.map((o) => o.label)).toEqual([
      'Bipolar disorder',
      'Epilepsy',
      'Psychosis now or in the past',
      'I am pregnant',
      'I sleepwalk or do other unusual things in my sleep',
      'I fall easily',
      'I drive a car, or have a job where being sleepy can be dangerous',
    ]);
    expect(notesText(section, 'warning')).toContain('If you are very sleepy in the day, do not drive a car or use dangerous machines.');
  });

  it('recalls the screening in part 3 before the window is taught, with a link back to part 1', () => {
    const section = part('sovnvinduet');
    const text = squash(textOf(section));
    for (const [what, , words] of mustAskFirst) expect(text, `part 3 names ${what}`).toMatch(words);
    const recall = text.indexOf('Before you start: your answer from part 1');
    expect(recall).toBeGreaterThan(-1);
    expect(recall).toBeLessThan(text.indexOf('How to find your sleep window'));
    expect(text).toContain('Then do not start the sleep window until you have talked to your fastlege (your regular GP) or the professional.');
    expect(section.blocks.some((b) => b.type === 'html' && b.html.includes('data-section-id="velkommen"'))).toBe(true);
    const { exercise: window } = exercise('sleep-window');
    expect(squash(window.html.replace(/<[^>]+>/g, ' '))).toContain('If you answered yes or not sure in part 1, only fill this in after you have talked to your GP or the professional.');
    expect(field(window, 'screening-check').help).toBe('If you have not talked to them yet, wait before you start the window.');
  });

  it('teaches the sleep window: the last 7 nights, the average, never under 5 hours, counted back from a fixed rise time', () => {
    const text = squash(textOf(part('sovnvinduet')));
    expect(text).toContain('You need the sleep diary from the last 7 nights.');
    expect(text).toContain('If you did not sleep at all, the night counts as 0.');
    expect(text).toContain('Add up the sleep for all 7 nights, and divide by 7.');
    expect(text).toContain('But it must never be shorter than 5 hours, even if you sleep less than that.');
    expect(text).toContain('Take the length of the window away from the time you get up. This gives you the earliest time you can go to bed.');
    expect(text).toContain('The time you get up stays the same.');
    const { exercise: window } = exercise('sleep-window');
    expect(field(window, 'window-length').help).toBe('As long as the average, but never less than 300 minutes (5 hours).');
    expect(field(window, 'average-sleep').help).toContain('divided by 7');
  });

  it("works Randi's and Jonas's windows with the engine's arithmetic, in English number format", () => {
    const text = squash(textOf(part('sovnvinduet')));
    const randi: [latency: number, awake: number, finalWake: string][] = [
      [40, 20, '05:30'],
      [30, 45, '06:00'],
      [40, 30, '05:45'],
      [20, 40, '06:15'],
      [25, 50, '06:00'],
      [15, 30, '06:30'],
      [30, 20, '06:15'],
    ];
    const nights: SleepDiaryNight[] = randi.map(([latency, awake, finalWake]) => ({
      'in-bed': '22:30',
      'lights-out': '23:00',
      'sleep-latency': latency,
      'awake-during-night': awake,
      'final-wake': finalWake,
      'out-of-bed': '06:30',
    }));
    for (const night of nights) {
      const { totalSleepTime, sleepEfficiency } = summariseNight(night);
      const row = `${night['sleep-latency']} min ${night['awake-during-night']} min ${night['final-wake']} ${Math.floor(totalSleepTime / 60)} h ${totalSleepTime % 60} min ${sleepEfficiency}%`;
      expect(text).toContain(row);
    }
    expect(sleepWindow(nights, '06:30')).toEqual({ minutes: 360, bedtime: '00:30', riseTime: '06:30', nights: 7 });
    expect(text).toContain('In total Randi slept 42 hours that week. Divided by 7, that is 6 hours each night. So her sleep window became 6 hours.');
    expect(text).toContain('Six hours before that is 00:30. That is the earliest she can go to bed.');
    expect(text).toContain('Jonas slept only 4 hours and 40 minutes on average. Still, his window became 5 hours');
    expect(text).toContain('So the earliest he can go to bed is 01:45.');
    const first = squash(textOf(part('velkommen')));
    expect(first).toContain('Time in bed counts from when you go to bed until you get up in the morning.');
    expect(first).toContain('That gives a sleep efficiency of 58.8 percent: 5 hours out of 8 hours and 30 minutes.');
  });

  it('gives one rule for unintended daytime sleep and driving in parts 3 and 4, and the same summary line in parts 3, 4 and 6', () => {
    for (const id of ['sovnvinduet', 'kvelden']) {
      const warning = notesText(part(id), 'warning');
      expect(warning, `part ${id}`).toContain(daytimeSleepRule);
      expect(warning, `part ${id}`).toContain('Do not drive a car, and do not use dangerous machines, when you are sleepy.');
    }
    for (const id of ['sovnvinduet', 'kvelden', 'veien-videre']) {
      expect(squash(textOf(part(id))), `part ${id}`).toContain(
        'If you fall asleep in the day without meaning to, or are dangerously sleepy, go to bed 15 to 30 minutes earlier and get in touch with the professional.',
      );
    }
    expect(notesText(part('sengen'), 'warning')).toContain('If you are very sleepy, do not drive a car, cycle in traffic or use dangerous machines.');
    expect(notesText(part('sengen'), 'warning')).toContain('If you feel your eyes closing while you drive, stop in a safe place.');
  });

  it('states one rule for adjusting the window, the same table in parts 4 and 6, and no other threshold anywhere', () => {
    const table = (section: CompiledSection): string => {
      const html = section.blocks.map((b) => (b.type === 'html' ? b.html : '')).join('');
      const rule = (html.match(/<table>[\s\S]*?<\/table>/g) ?? []).find((t) => t.includes('Average sleep efficiency'));
      expect(rule, `part ${section.id} has the rule table`).toBeDefined();
      return squash((rule as string).replace(/<[^>]+>/g, ' '));
    };
    const rule = table(part('kvelden'));
    expect(rule).toBe(
      'Average sleep efficiency What you do 90 percent or more Make the window 15 minutes longer. 85 to 89 percent Keep the window as it is for one more week. Below 85 percent Make the window 15 minutes shorter, but never shorter than 5 hours.',
    );
    expect(table(part('veien-videre'))).toBe(rule);
    expect(squash(textOf(part('kvelden')))).toContain('The time you get up stays the same. It is always the time you go to bed that moves.');

    let stated = 0;
    for (const section of en.sections) {
      const text = squash(everything(section));
      for (const [phrase, low, high] of text.matchAll(/(\d+(?:\.\d+)?) (?:to|and|-|–) (\d+(?:\.\d+)?) ?(?:percent|%)/g)) {
        expect(`${low}-${high}`, `part ${section.id}: "${phrase}"`).toBe('85-89');
        stated++;
      }
      for (const [phrase, value] of text.matchAll(/(\d+(?:\.\d+)?) ?(?:percent|%) or (?:more|higher|above)/g)) {
        expect(value, `part ${section.id}: "${phrase}"`).toBe('90');
        stated++;
      }
      for (const [phrase, value] of text.matchAll(/(?:[Bb]elow|[Uu]nder|[Aa]bove|[Oo]ver|[Aa]t least|[Ll]ower than|[Hh]igher than) (\d+(?:\.\d+)?) ?(?:percent|%)/g)) {
        expect(value, `part ${section.id}: "${phrase}"`).toBe('85');
        stated++;
      }
    }
    expect(stated).toBeGreaterThanOrEqual(9);
    const { exercise: review } = exercise('window-review');
    expect(field(review, 'decision').options?.map((o) => o.label)).toEqual([
      'Longer, by 15 minutes (90 percent or more)',
      'Keep it as it is (85 to 89 percent)',
      'Shorter, by 15 minutes (below 85 percent)',
    ]);
    expect(field(review, 'window-length').help).toBe('Never less than 300 minutes (5 hours).');
  });

  it('gives the six rules for the night with their times: about 20 minutes, the same rise time, naps under 30 minutes before 15:00', () => {
    const text = squash(textOf(part('sengen')));
    expect(text).toContain('If you have been lying awake for about 20 minutes without getting sleepy, get up.');
    expect(text).toContain('Get up at the same time every morning.');
    expect(text).toContain('take a short nap of less than 30 minutes before 15:00');
    expect(text).toContain('Use the bed only for sleep and sex.');
    expect(text).toContain('Only go to bed when you are sleepy.');
    expect(field(exercise('stimulus-plan').exercise, 'nap-plan').options?.map((o) => o.label)).toContain(
      'Only a short nap of less than 30 minutes before 15:00',
    );
  });

  it('says sleeping pills are tapered only with the doctor, never stopped suddenly, wherever the source does', () => {
    const taper = 'If you want to cut down on sleeping pills, do it together with your doctor, a little at a time. Never stop suddenly on your own.';
    for (const id of ['velkommen', 'sovnvinduet', 'veien-videre']) expect(squash(textOf(part(id))), `part ${id}`).toContain(taper);
  });

  it('ends with what to do if the program did not help, a text for family and friends, and the relapse plan', () => {
    const text = squash(textOf(part('veien-videre')));
    const help = text.slice(text.indexOf('If the program did not help'));
    expect(help).toMatch(/it is not your fault/);
    expect(help).toMatch(/Medicine can help some people/);
    expect(help).toContain('DPS (distriktspsykiatrisk senter, a local mental health centre)');
    expect(help).toMatch(/do the whole program again/);
    const relatives = text.slice(text.indexOf('For family and friends'));
    expect(relatives).toMatch(/Do you share a bed\?/);
    expect(relatives).toMatch(/Do the driving yourself/);
    expect(text).toContain('Look at the list in part 1 again before you make a new window.');
    expect(text).toContain('Make a new sleep window from the average of the 7 nights, never shorter than 5 hours, with a fixed time to get up.');
    expect(text).toContain('Do not try to catch up.');
  });

  it('shows the English diagram in part 3: the bokmål drawing with English words, alt text and a description in words', () => {
    const html = part('sovnvinduet')
      .blocks.map((b) => (b.type === 'html' ? b.html : ''))
      .join('');
    const img = /<img src="assets\/sovnvindu\.en\.svg" alt="([^"]+)">/.exec(html);
    expect(img, 'the English diagram is in part 3').not.toBeNull();
    expect(img?.[1]).toMatch(/^The sleep window week by week: .*fixed time to get up/);
    const after = squash(html.slice(html.indexOf('sovnvindu.en.svg')).replace(/<[^>]+>/g, ' '));
    expect(after).toMatch(/^[^]*?The picture shows a sleep window over four weeks\. The time you get up, 06:30, stays the same every week\./);
    for (const time of ['00:30', '00:15', '00:00']) expect(after.slice(0, 600)).toContain(time);

    const nbSvg = readFileSync('programs/sovn/assets/sovnvindu.svg', 'utf8');
    const enSvg = readFileSync('programs/sovn/assets/sovnvindu.en.svg', 'utf8');
    // Same drawing: identical once the words are taken out (and the element ids made alike).
    const drawing = (svg: string) => svg.replace(/sovnvindu-en-/g, 'sovnvindu-').replace(/>[^<]*</g, '><');
    expect(drawing(enSvg)).toBe(drawing(nbSvg));
    expect(enSvg).toMatch(/<title[^>]*>The sleep window week by week<\/title>/);
    expect(enSvg).toMatch(/<desc[^>]*>[^<]{100,}<\/desc>/);
    const words = [...enSvg.matchAll(/<(?:text|title|desc)[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(words).not.toMatch(/[æøå]|\b(?:Uke|som før|Opp kl|t)\b/i);
    for (const label of ['Up at 06:30', 'Week 1', 'Week 4', 'as before', '6 h 15 min']) expect(words).toContain(label);
  });
});
