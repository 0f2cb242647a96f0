/**
 * programs/sovn ("Bedre søvn", CBT for insomnia): compiles with no errors or
 * warnings, has 6-8 substantial parts, a first part with the urgent-help numbers
 * and a sleep diary that needs 7 nights before the sleep window is set, the core
 * exercises (sleep diary, rules for the night, sleep window, weekly window
 * adjustment, thought record for sleep) with the right kinds and fields, worked
 * examples whose numbers match the engine's sleep arithmetic, a last part with
 * the staying-well plan, and a measurement plan in each questionnaire's own time
 * frame (BIS every four weeks, PHQ-9 every two).
 *
 * The clinical fixes of the second edition (issue 16): who must talk to their
 * doctor before the sleep window is asked in part 1 and recalled in part 3; one rule
 * for unintended daytime sleep; one rule for adjusting the window, stated the same
 * way everywhere; sleeping pills tapered only with the doctor; what to do if the
 * program did not help and a text for relatives; the sleep window diagram.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, field, findExercise, loadProgram, notesOf, textOf } from './pack.ts';
import { sleepWindow, summariseNight, type SleepDiaryNight } from '../../engine/exercises/sleep-diary.ts';
import type { CompiledExercise, CompiledField, CompiledProgram, CompiledSection } from '../../schemas/types.ts';

let program: CompiledProgram;

beforeAll(() => {
  ({ program } = loadProgram('sovn'));
});

const allExercises = (): CompiledExercise[] => program.sections.flatMap(exercisesOf);
const urgent = [
  ['113', 'tel:113'],
  ['116 117', 'tel:116117'],
  ['116 123', 'tel:116123'],
  ['22 40 00 40', 'tel:22400040'],
] as const;

const exercise = (id: string) => findExercise(program, id);

function expectRating(f: CompiledField): void {
  expect(f.type, `${f.id} is a scale`).toBe('scale');
  expect(f.min, `${f.id} starts at 0`).toBe(0);
  expect(f.max, `${f.id} ends at 10`).toBe(10);
  expect(f.anchors).toHaveLength(2);
}

function expectSafetyNumbers(section: CompiledSection): void {
  const html = notesOf(section)
    .filter((n) => n.kind === 'safety')
    .map((n) => n.html)
    .join(' ');
  for (const [number, tel] of urgent) {
    expect(html, `part ${section.id}: ${number} in a safety note`).toContain(number);
    expect(html, `part ${section.id}: ${tel} link`).toContain(`href="${tel}"`);
  }
}

/** Randi's seven nights in part 3: to bed 22:30, lights out 23:00, up 06:30. */
const randi: [latency: number, awake: number, finalWake: string, slept: string, efficiency: string][] = [
  [40, 20, '05:30', '5 t 30 min', '68,8 %'],
  [30, 45, '06:00', '5 t 45 min', '71,9 %'],
  [40, 30, '05:45', '5 t 35 min', '69,8 %'],
  [20, 40, '06:15', '6 t 15 min', '78,1 %'],
  [25, 50, '06:00', '5 t 45 min', '71,9 %'],
  [15, 30, '06:30', '6 t 45 min', '84,4 %'],
  [30, 20, '06:15', '6 t 25 min', '80,2 %'],
];
const randiNights: SleepDiaryNight[] = randi.map(([latency, awake, finalWake]) => ({
  'in-bed': '22:30',
  'lights-out': '23:00',
  'sleep-latency': latency,
  'awake-during-night': awake,
  'final-wake': finalWake,
  'out-of-bed': '06:30',
}));

describe('programs/sovn', () => {
  it('part 1 explains consent and gives every urgent-help number in a safety note', () => {
    const first = program.sections[0] as CompiledSection;
    expect(textOf(first)).toMatch(/Innstillinger/);
    expectSafetyNumbers(first);
  });

  it('parts that ask for hard changes or touch dark thoughts say where to get help now', () => {
    for (const id of ['sovnvinduet', 'tankene']) {
      const section = program.sections.find((s) => s.id === id);
      expect(section, `part ${id}`).toBeDefined();
      expectSafetyNumbers(section as CompiledSection);
    }
  });

  it('the last part holds the required staying-well plan, the urgent numbers and the end evaluation', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const plan = exercisesOf(last).find((e) => e.id === 'staying-well-plan');
    expect(plan, 'staying-well-plan in the last part').toBeDefined();
    expect(plan?.kind).toBe('plan');
    expect(plan?.required).toBe(true);
    expect(last.requirements.exercises).toContainEqual({ id: 'staying-well-plan', minEntries: 1 });
    for (const id of ['warning-signs', 'what-helps', 'if-worse', 'contacts']) {
      expect(field(plan as CompiledExercise, id).required, `plan field ${id} is required`).toBe(true);
    }
    expectSafetyNumbers(last);
    expect(textOf(last)).toMatch(/Sluttevaluering/);
    // What to do after a few bad nights: no catching up, fixed rise time, a new window from 7 diary nights.
    expect(textOf(last)).toMatch(/Ikke ta igjen/);
    expect(textOf(last)).toMatch(/7 netter/);
  });

  it('keeps the sleep diary from part 1 and needs 7 nights of it before the sleep window', () => {
    const { exercise: diary, section } = exercise('sleep-diary');
    expect(section.number).toBe(1);
    expect(diary.kind).toBe('sleep-diary');
    expect(diary.repeatable).toBe(true);
    expect(diary.required).toBe(true);
    expect(diary.minEntries).toBeGreaterThanOrEqual(7);
    expect(section.requirements.exercises).toContainEqual({ id: 'sleep-diary', minEntries: diary.minEntries });
    const types: Record<string, CompiledField['type']> = {
      night: 'date',
      'in-bed': 'time',
      'lights-out': 'time',
      'sleep-latency': 'duration',
      'awake-during-night': 'duration',
      'final-wake': 'time',
      'out-of-bed': 'time',
      naps: 'duration',
    };
    for (const [id, type] of Object.entries(types)) expect(field(diary, id).type, `diary field ${id}`).toBe(type);
    // Every part after part 1 opens only once part 1 (and so the 7 diary nights) is complete.
    expect(exercise('sleep-window').section.number).toBeGreaterThan(section.number);
  });

  it('has the rules for the night (stimulus control) as a required form with a fixed rise time', () => {
    const { exercise: rules, section } = exercise('stimulus-plan');
    expect(rules.kind).toBe('form');
    expect(rules.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'stimulus-plan', minEntries: 1 });
    expect(field(rules, 'rise-time')).toMatchObject({ type: 'time', required: true });
    expect(field(rules, 'quiet-activities').required).toBe(true);
    expect(field(rules, 'nap-plan').type).toBe('choice');
    const text = textOf(section);
    expect(text).toMatch(/20 minutter/);
    expect(text).toMatch(/samme tid hver morgen/);
    expect(text).toMatch(/lur/);
  });

  it('has the sleep window as a required form anchored on the rise time, never below 5 hours', () => {
    const { exercise: window, section } = exercise('sleep-window');
    expect(window.kind).toBe('form');
    expect(window.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'sleep-window', minEntries: 1 });
    expect(field(window, 'nights-counted')).toMatchObject({ type: 'number', min: 7, required: true });
    for (const id of ['average-sleep', 'window-length']) expect(field(window, id)).toMatchObject({ type: 'duration', required: true });
    for (const id of ['rise-time', 'bedtime']) expect(field(window, id)).toMatchObject({ type: 'time', required: true });
    const text = textOf(section);
    expect(text).toMatch(/7 nettene/);
    expect(text).toMatch(/aldri være kortere enn 5 timer/);
    const warning = notesOf(section).filter((n) => n.kind === 'warning').map((n) => n.html).join(' ');
    expect(warning, 'a warning about sleepiness and driving').toMatch(/Kjør ikke bil/);
  });

  it("computes Randi's worked sleep window as part 3 says", () => {
    const part = exercise('sleep-window').section;
    const text = textOf(part);
    randiNights.forEach((night, i) => {
      const [, , , slept, efficiency] = randi[i] as (typeof randi)[number];
      const summary = summariseNight(night);
      const [h, m] = [Math.floor(summary.totalSleepTime / 60), summary.totalSleepTime % 60];
      expect(slept).toBe(`${h} t ${m} min`);
      expect(efficiency).toBe(`${String(summary.sleepEfficiency).replace('.', ',')} %`);
      expect(text).toContain(slept);
      expect(text).toContain(efficiency);
    });
    expect(randiNights.reduce((sum, n) => sum + summariseNight(n).totalSleepTime, 0)).toBe(42 * 60);
    expect(sleepWindow(randiNights, '06:30')).toEqual({ minutes: 360, bedtime: '00:30', riseTime: '06:30', nights: 7 });
    expect(text).toContain('sov Randi 42 timer');
    expect(text).toContain('Søvnvinduet hennes ble derfor 6 timer');
    expect(text).toContain('kl. 00:30');
  });

  it("gives Jonas the 5-hour minimum window as part 3 says", () => {
    // An average of 4 h 40 min: seven nights of 280 minutes.
    const night: SleepDiaryNight = { 'in-bed': '23:00', 'lights-out': '23:00', 'sleep-latency': 60, 'awake-during-night': 125, 'final-wake': '06:45', 'out-of-bed': '06:45' };
    expect(summariseNight(night).totalSleepTime).toBe(280);
    expect(sleepWindow(Array(7).fill(night), '06:45')).toMatchObject({ minutes: 300, bedtime: '01:45' });
    const text = textOf(exercise('sleep-window').section);
    expect(text).toContain('4 timer og 40 minutter');
    expect(text).toContain('kl. 01:45');
  });

  it('adjusts the window weekly: a required log, a week after the window is set, with the 85/90 % rule', () => {
    const { exercise: review, section } = exercise('window-review');
    expect(review.kind).toBe('log');
    expect(review.repeatable).toBe(true);
    expect(review.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'window-review', minEntries: review.minEntries });
    expect(section.unlock.minDaysAfterPrevious).toBeGreaterThanOrEqual(7);
    expect(field(review, 'week-start')).toMatchObject({ type: 'date', required: true });
    expect(field(review, 'average-efficiency')).toMatchObject({ type: 'number', min: 0, max: 100, required: true });
    expect(field(review, 'decision').options?.map((o) => o.value)).toEqual(['widen', 'keep', 'narrow']);
    expect(field(review, 'window-length')).toMatchObject({ type: 'duration', required: true });
    for (const id of ['rise-time', 'bedtime']) expect(field(review, id)).toMatchObject({ type: 'time', required: true });
    expectRating(field(review, 'daytime-sleepiness'));
    const text = textOf(section);
    expect(text).toMatch(/90 prosent eller mer/);
    expect(text).toMatch(/Under 85 prosent/);
    expect(text).toMatch(/15 minutter/);
    expect(text).toMatch(/aldri kortere enn 5 timer/);
    // Wind-down and habits are taught as support.
    expect(exercise('wind-down-plan').section.id).toBe(section.id);
    for (const word of ['Koffein', 'Alkohol', 'Skjermer', 'Lys']) expect(text).toContain(word);
  });

  it('has the thought record for sleep as a required log with 0-10 ratings before and after', () => {
    const { exercise: record, section } = exercise('sleep-thought-record');
    expect(record.kind).toBe('log');
    expect(record.repeatable).toBe(true);
    expect(record.required).toBe(true);
    expect(record.minEntries).toBeGreaterThanOrEqual(3);
    expect(section.requirements.exercises).toContainEqual({ id: 'sleep-thought-record', minEntries: record.minEntries });
    for (const id of ['situation', 'thought', 'new-thought']) expect(field(record, id)).toMatchObject({ type: 'longtext', required: true });
    for (const id of ['belief-before', 'distress-before', 'belief-after', 'distress-after']) {
      expectRating(field(record, id));
      expect(field(record, id).required).toBe(true);
    }
    expect(textOf(section)).toMatch(/prøve hardt å sove/);
  });

  it('teaches in order: diary, rules for the night, window, adjustment, thoughts, plan', () => {
    const at = (id: string) => exercise(id).section.number;
    const order = ['sleep-diary', 'stimulus-plan', 'sleep-window', 'window-review', 'sleep-thought-record', 'staying-well-plan'].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(at('sleep-diary')).toBeLessThan(at('sleep-window'));
    expect(at('stimulus-plan')).toBeLessThanOrEqual(at('sleep-window'));
    expect(at('sleep-window')).toBeLessThan(at('window-review'));
    expect(at('staying-well-plan')).toBe(program.sections.length);
  });

  it('uses fitting field types: 0-10 ratings, clock times as time, minutes as duration', () => {
    const clockTimes = new Set(['in-bed', 'lights-out', 'final-wake', 'out-of-bed', 'rise-time', 'bedtime', 'start']);
    const minutes = new Set(['sleep-latency', 'awake-during-night', 'naps', 'average-sleep', 'window-length', 'length']);
    let checked = 0;
    for (const ex of allExercises()) {
      for (const f of ex.fields) {
        if (f.type === 'scale') expectRating(f);
        if (clockTimes.has(f.id)) expect(f.type, `${ex.id}#${f.id}`).toBe('time');
        if (minutes.has(f.id)) expect(f.type, `${ex.id}#${f.id}`).toBe('duration');
        if (clockTimes.has(f.id) || minutes.has(f.id)) checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('measures PHQ-9, GAD-7 and BIS at start and end, BIS every 4 weeks, PHQ-9 every 2 weeks, and ends with the evaluation', () => {
    const { measurement, instruments } = program;
    for (const list of [measurement.start, measurement.end]) {
      expect(list).toContain('phq9');
      expect(list).toContain('gad7');
      expect(list).toContain('bis');
    }
    // BIS asks about the last month: never weekly. PHQ-9 item 9 (risk) is asked at least every two weeks.
    expect(measurement.repeated).toEqual([
      { instrument: 'bis', every: '4-weeks' },
      { instrument: 'phq9', every: '2-weeks' },
    ]);
    // Part 1 tells the person the same timing.
    const first = textOf(program.sections[0] as CompiledSection);
    expect(first).toMatch(/skjemaet om søvnen hver fjerde uke/);
    expect(first).toMatch(/skjemaet om humøret annenhver uke/);
    expect(first).not.toMatch(/En gang i uken svarer du/);
    expect(measurement.evaluation).toBe('evaluation');
    for (const id of ['phq9', 'gad7', 'bis', 'evaluation', 'checkin']) expect(instruments[id], `instrument ${id}`).toBeDefined();
  });

  it('has the three check-in ratings: sleep quality, tiredness, sleep worry', () => {
    const checkin = program.instruments[program.measurement.checkin];
    expect(checkin?.items.map((i) => i.id)).toEqual(['sleep-quality', 'tiredness', 'sleep-worry']);
    for (const item of checkin?.items ?? []) {
      expect(item).toMatchObject({ type: 'scale', min: 0, max: 10 });
      expect(item.anchors).toHaveLength(2);
    }
  });
});

const part = (id: string): CompiledSection => {
  const found = program.sections.find((s) => s.id === id);
  expect(found, `part ${id}`).toBeDefined();
  return found as CompiledSection;
};
const warnings = (section: CompiledSection): string =>
  notesOf(section)
    .filter((n) => n.kind === 'warning')
    .map((n) => n.html.replace(/<[^>]+>/g, ' '))
    .join(' ');
/** Everything a person reads in a part: its text and every field's label, help, placeholder and option. */
const everything = (section: CompiledSection): string =>
  [
    textOf(section),
    ...exercisesOf(section).flatMap((e) => e.fields.flatMap((f) => [f.label, f.help ?? '', f.placeholder ?? '', ...(f.options ?? []).map((o) => o.label)])),
  ].join(' ');

/** Who must talk to their doctor before the sleep window (issue 16), as each part words them. */
const mustAskFirst: [what: string, inPart1: RegExp, inPart3: RegExp][] = [
  ['bipolar disorder', /bipolar lidelse/, /bipolar lidelse/],
  ['epilepsy', /epilepsi/, /epilepsi/],
  ['psychosis', /psykose/, /psykose/],
  ['pregnancy', /gravid/, /gravid/],
  ['sleepwalking', /går i søvne/, /går i søvne/],
  ['fall risk, with older people and unsteadying medicine', /lett for å falle.{0,120}eldre.{0,80}medisiner som gjør deg ustø/s, /lett for å falle/],
  ['drivers and safety-critical work', /kjører bil.{0,120}jobb der det kan være farlig å være trøtt/s, /kjører bil i hverdagen, eller har en jobb der trøtthet kan være farlig/],
];

/** The rule for unintended daytime sleep, the same words in parts 3 and 4. */
const daytimeSleepRule =
  'Hvis du sovner på dagen: Sovner du på dagen uten at du vil det? Eller er du så trøtt at det kan være farlig, for eksempel bak rattet eller ved en maskin? Da gjør du vinduet lengre med en gang: legg deg 15 til 30 minutter tidligere. Ta kontakt med fagpersonen.';
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/ ([:?.,])/g, '$1').trim();

describe('programs/sovn, second edition: clinical fixes', () => {
  it('asks in part 1, before any restriction, who must talk to their doctor before the sleep window', () => {
    const { exercise: screening, section } = exercise('sleep-window-screening');
    expect(section.number).toBe(1);
    expect(section.number).toBeLessThan(exercise('sleep-window').section.number);
    expect(screening.kind).toBe('form');
    expect(screening.required).toBe(true);
    expect(section.requirements.exercises).toContainEqual({ id: 'sleep-window-screening', minEntries: screening.minEntries });
    const applies = field(screening, 'screening-applies');
    expect(applies).toMatchObject({ type: 'choice', required: true });
    expect(applies.options?.map((o) => o.value)).toEqual(['yes', 'no', 'unsure']);
    // Which ones apply is optional: the person may rather say it in the conversation.
    expect(field(screening, 'screening-which')).toMatchObject({ type: 'multichoice', required: false });

    const text = textOf(section);
    for (const [what, words] of mustAskFirst) expect(text, `part 1 names ${what}`).toMatch(words);
    expect(squash(text)).toContain(
      'Svarte du ja, eller er du usikker? Da snakker du med fastlegen eller fagpersonen før du starter med søvnvinduet i del 3.',
    );
  });

  it('recalls the part 1 screening in part 3 before the window is taught or set', () => {
    const section = part('sovnvinduet');
    const text = textOf(section);
    for (const [what, , words] of mustAskFirst) expect(text, `part 3 names ${what}`).toMatch(words);
    const recall = text.indexOf('Før du starter: svaret ditt fra del 1');
    expect(recall).toBeGreaterThan(-1);
    expect(recall, 'before the window is taught').toBeLessThan(text.indexOf('Slik finner du søvnvinduet ditt'));
    expect(squash(text)).toContain('Da starter du ikke med søvnvinduet før du har snakket med fastlegen eller fagpersonen.');
    // A link back to part 1, and a place in the form itself to say where the person stands.
    expect(section.blocks.some((b) => b.type === 'html' && b.html.includes('data-section-id="velkommen"'))).toBe(true);
    const check = field(exercise('sleep-window').exercise, 'screening-check');
    expect(check.type).toBe('choice');
    expect(check.options?.map((o) => o.value)).toEqual(['none-applies', 'agreed', 'not-yet']);
  });

  it('gives one rule for unintended daytime sleep in parts 3 and 4: widen the window, contact the professional, do not drive', () => {
    for (const id of ['sovnvinduet', 'kvelden']) {
      const warning = squash(warnings(part(id)));
      expect(warning, `part ${id}`).toContain(daytimeSleepRule);
      expect(warning, `part ${id}`).toMatch(/Kjør ikke bil, og bruk ikke farlige maskiner, når du er søvnig/);
    }
    // The summaries and the relapse plan say it the same way.
    for (const id of ['sovnvinduet', 'kvelden', 'veien-videre']) {
      expect(squash(textOf(part(id))), `part ${id}`).toContain(
        'Sovner du på dagen uten at du vil det, eller er du farlig trøtt, så legg deg 15 til 30 minutter tidligere og ta kontakt med fagpersonen.',
      );
    }
  });

  it('states one rule for adjusting the window, the same table in parts 4 and 6, and no other threshold anywhere', () => {
    const table = (section: CompiledSection): string => {
      const html = section.blocks.map((b) => (b.type === 'html' ? b.html : '')).join('');
      const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
      const rule = tables.find((t) => t.includes('Søvneffektivitet i snitt'));
      expect(rule, `part ${section.id} has the rule table`).toBeDefined();
      return squash((rule as string).replace(/<[^>]+>/g, ' '));
    };
    const rule = table(part('kvelden'));
    expect(rule).toBe(
      'Søvneffektivitet i snitt Dette gjør du 90 prosent eller mer Gjør vinduet 15 minutter lengre. 85 til 89 prosent La vinduet være som det er, en uke til. Under 85 prosent Gjør vinduet 15 minutter kortere, men aldri kortere enn 5 timer.',
    );
    expect(table(part('veien-videre'))).toBe(rule);

    // Every threshold stated anywhere (text, field labels, options) is one of the rule's own.
    let stated = 0;
    for (const section of program.sections) {
      const text = squash(everything(section));
      for (const [phrase, low, high] of text.matchAll(/(\d+(?:,\d+)?) (?:til|og|-|–) (\d+(?:,\d+)?) ?(?:prosent|%)/g)) {
        expect(`${low}-${high}`, `part ${section.id}: "${phrase}"`).toBe('85-89');
        stated++;
      }
      for (const [phrase, value] of text.matchAll(/(\d+(?:,\d+)?) ?(?:prosent|%) eller (?:mer|høyere|over)/g)) {
        expect(value, `part ${section.id}: "${phrase}"`).toBe('90');
        stated++;
      }
      for (const [phrase, value] of text.matchAll(/(?:[Uu]nder|[Oo]ver|[Mm]inst|[Ll]avere enn|[Hh]øyere enn) (\d+(?:,\d+)?) ?(?:prosent|%)/g)) {
        expect(value, `part ${section.id}: "${phrase}"`).toBe('85');
        stated++;
      }
    }
    expect(stated, 'the rule is stated in parts 4 and 6 and in the weekly form').toBeGreaterThanOrEqual(9);
    const labels = field(exercise('window-review').exercise, 'decision').options?.map((o) => o.label);
    expect(labels).toEqual(['Lengre, 15 minutter (90 prosent eller mer)', 'Som før (85 til 89 prosent)', 'Kortere, 15 minutter (under 85 prosent)']);
  });

  it('says sleeping pills are tapered only together with the doctor, never stopped abruptly, wherever medicine comes up', () => {
    const mentions = program.sections.filter((s) => /medisin/i.test(textOf(s)));
    expect(mentions.map((s) => s.id)).toEqual(expect.arrayContaining(['velkommen', 'sovnvinduet', 'veien-videre']));
    for (const section of mentions) {
      const text = squash(textOf(section));
      expect(text, `part ${section.id}`).toContain('Vil du trappe ned på sovemedisin, gjør du det sammen med legen din, litt etter litt. Slutt aldri brått på egen hånd.');
    }
  });

  it('ends with what to do if the program did not help, and a text for relatives', () => {
    const last = program.sections[program.sections.length - 1] as CompiledSection;
    const text = squash(textOf(last));
    const help = text.slice(text.indexOf('Hvis programmet ikke hjalp'));
    expect(text).toContain('Hvis programmet ikke hjalp');
    expect(help).toMatch(/det er ikke din feil/);
    expect(help).toMatch(/fastlegen/);
    expect(help).toMatch(/Medisin kan hjelpe noen/);
    expect(help).toMatch(/distriktspsykiatrisk senter \(DPS\)/);
    expect(help).toMatch(/ta hele programmet en gang til/);
    const relatives = text.slice(text.indexOf('Til deg som er pårørende'));
    expect(text).toContain('Til deg som er pårørende');
    expect(relatives).toMatch(/Deler dere seng\?/);
    expect(relatives).toMatch(/Ta rattet selv/);
    // Before a new window after a relapse, the part 1 list is checked again.
    expect(text).toMatch(/Se på lista i del 1 en gang til før du lager et nytt vindu/);
  });

  it('shows the sleep window in a diagram in part 3, with alt text and a description in words', () => {
    const section = part('sovnvinduet');
    const html = section.blocks.map((b) => (b.type === 'html' ? b.html : '')).join('');
    const img = /<img src="assets\/sovnvindu\.svg" alt="([^"]+)">/.exec(html);
    expect(img, 'the diagram is in part 3').not.toBeNull();
    expect(img?.[1]).toMatch(/^Søvnvinduet uke for uke: .*faste tiden for å stå opp/);
    // The long description follows the picture and gives every week's window.
    const after = squash(html.slice(html.indexOf('sovnvindu.svg')).replace(/<[^>]+>/g, ' '));
    expect(after).toMatch(/^[^]*?Bildet viser et søvnvindu over fire uker\. Tiden du står opp, kl\. 06:30, ligger fast hver uke\./);
    for (const time of ['kl. 00:30', 'kl. 00:15', 'kl. 00:00']) expect(after.slice(0, 600)).toContain(time);

    const svg = readFileSync('programs/sovn/assets/sovnvindu.svg', 'utf8');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/<title[^>]*>Søvnvinduet uke for uke<\/title>/);
    expect(svg).toMatch(/<desc[^>]*>[^<]{100,}<\/desc>/);
    expect(svg).not.toMatch(/<script|href=|url\(|@import|<image|<foreignObject/i);
    // Readable at 320 px: drawn 320 units wide, so text keeps its size; no text under 14 px.
    expect(svg).toMatch(/viewBox="0 0 320 \d+"/);
    const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(14);
    // Every colour that carries meaning has AA contrast on white (4.5:1); the light guide lines are decoration.
    const luminance = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const colours = new Set([...svg.matchAll(/(?:fill|stroke)="(#[0-9a-fA-F]{6})"/g)].map((m) => (m[1] as string).toLowerCase()));
    colours.delete('#ffffff');
    colours.delete('#d0d0d0');
    expect(colours.size).toBeGreaterThanOrEqual(3);
    for (const colour of colours) expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('teaches the sleep diary definitions: time in bed from bed to up, nights never below zero, fixed rise time, 5 hours at least', () => {
    const first = squash(textOf(program.sections[0] as CompiledSection));
    expect(first).toContain('Tiden i sengen regnes fra du går til sengs, til du står opp om morgenen.');
    expect(first).toContain('Fra kl. 22:30 til kl. 07:00 lå Randi i sengen i 8 timer og 30 minutter.');
    const third = squash(textOf(part('sovnvinduet')));
    expect(third).toContain('Sov du ikke i det hele tatt, teller natten som 0.');
    expect(third).toContain('Hun lå altså i sengen i 8 timer hver natt.');
    expect(third).toContain('Tiden du står opp, ligger fast.');
    expect(third).toContain('aldri være kortere enn 5 timer');
  });

  it('keeps the language slips of the first edition out', () => {
    const slips = [
      'lys våken',
      'Står du fast',
      'Kjør forsiktig',
      'Mange kaller det en buffer',
      'kjente hun på uro',
      'Denne delen har to deler',
      'den mest virksomme delen',
      'Regnestykket kan virke stort',
      'et kvarter om gangen',
      'Takk for at du har gjort programmet',
    ];
    for (const section of program.sections) {
      const text = everything(section) + notesOf(section).map((n) => n.title ?? '').join(' ');
      for (const slip of slips) expect(text, `part ${section.id}`).not.toContain(slip);
    }
    expect(textOf(part('sengen'))).toContain('lysvåken');
  });
});
