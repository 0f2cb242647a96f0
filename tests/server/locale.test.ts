/**
 * The person's language: chosen when the code is issued (default the organisation's),
 * switched by the person, and followed by the content, check-ins, error messages and
 * the calendar feed. Progress, entries and answers are keyed by ids, so switching loses
 * nothing. The fixture program kurs has an English edition (locales/en).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, phq9, gad7, type TestEnv } from './helpers.ts';

let env: TestEnv;
let staff: Awaited<ReturnType<TestEnv['org']>>;
beforeEach(async () => {
  env = await testApp();
  staff = await env.org();
});
afterEach(async () => env.close());

/** A code issued in `locale` and a person logged in with it. */
async function personIn(locale?: string) {
  const issued = await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'kurs', ...(locale ? { locale } : {}) } });
  expect(issued.status).toBe(201);
  const login = await env.call('POST', '/v1/sessions', { body: { code: issued.json.code } });
  expect(login.status).toBe(201);
  return { ref: issued.json.ref as string, token: login.json.token as string, issued: issued.json, login: login.json };
}

/** Everything the person's own routes show about their work, minus the words. */
async function workOf(token: string) {
  const [program, entries, checkins, scores, exported] = await Promise.all([
    env.call('GET', '/v1/me/program', { token }),
    env.call('GET', '/v1/me/exercises/bekymring/entries', { token }),
    env.call('GET', '/v1/me/checkins', { token }),
    env.call('GET', '/v1/me/scores', { token }),
    env.call('GET', '/v1/me/export', { token }),
  ]);
  return {
    states: program.json.sections.map((s: any) => ({ id: s.id, state: s.state, openedAt: s.openedAt, completedAt: s.completedAt, missing: s.missing })),
    progress: program.json.progress,
    entries: entries.json.entries,
    checkins: checkins.json.checkins,
    scores: scores.json,
    // The export names the language the code is in now; everything else in it must stay the same.
    exported: { ...exported.json, code: { ...exported.json.code, locale: undefined } },
    locale: exported.json.code.locale as string,
  };
}

describe("the person's language", () => {
  it('is chosen when the code is issued, and the person routes answer in it', async () => {
    const p = await personIn('en');
    expect(p.issued.locale).toBe('en');
    expect(p.login.locale).toBe('en');
    expect(p.issued.programTitle).toBe('Test course');
    const me = await env.call('GET', '/v1/me', { token: p.token });
    expect(me.json).toMatchObject({ locale: 'en', contentLocale: 'en', locales: ['nb', 'en'], programTitle: 'Test course' });
    expect(me.headers.get('content-language')).toBe('en');
    const program = await env.call('GET', '/v1/me/program', { token: p.token });
    expect(program.json.locale).toBe('en');
    expect(program.json.sections.map((s: any) => s.title)).toEqual(['Start', 'Log', 'End']);
    const checkin = await env.call('GET', '/v1/me/questionnaires/checkin', { token: p.token });
    expect(checkin.json.instrument.items.map((i: any) => i.text)).toEqual(['How is your mood today?', 'How much have you worried?']);
    const phq = await env.call('GET', '/v1/me/questionnaires/phq9', { token: p.token });
    expect(phq.json.instrument.items[0].text).toBe('You have had little interest in doing things, or little joy in what you do');
  });

  it('defaults to the organisation language, which only an admin changes, and is listed for staff', async () => {
    expect((await personIn()).issued.locale).toBe('nb');
    expect((await env.call('GET', '/v1/staff/org/locale', { token: staff.token })).json).toEqual({ locale: 'nb' });
    expect((await env.call('PUT', '/v1/staff/org/locale', { token: staff.token, body: { locale: 'nn' } })).json.error.code).toBe('forbidden');
    const admin = await env.org('bydel-a', 'admin', 0);
    expect((await env.call('PUT', '/v1/staff/org/locale', { token: admin.token, body: { locale: 'nn' } })).json).toEqual({ locale: 'nn' });
    expect((await env.call('PUT', '/v1/staff/org/locale', { token: admin.token, body: { locale: 'de' } })).json.error.code).toBe('validation_failed');
    const p = await personIn();
    expect(p.issued.locale).toBe('nn');
    // No nynorsk edition of kurs: the person reads the bokmål source, and is told so.
    const me = await env.call('GET', '/v1/me', { token: p.token });
    expect(me.json).toMatchObject({ locale: 'nn', contentLocale: 'nb' });
    expect(me.headers.get('content-language')).toBe('nb');
    const programs = await env.call('GET', '/v1/staff/programs', { token: staff.token });
    expect(programs.json.defaultLocale).toBe('nn');
    expect(programs.json.programs[0].locales).toEqual(['nb', 'en']);
    const list = await env.call('GET', '/v1/staff/codes', { token: staff.token });
    expect(list.json.codes.map((c: any) => c.locale)).toEqual(['nn', 'nb']);
    expect((await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'kurs', locale: 'xx' } })).json.error.code).toBe('validation_failed');
  });

  it('switches nb -> en mid-program and back without losing anything', async () => {
    const p = await personIn('nb');
    const token = p.token;
    for (const [id, answers] of [['phq9', phq9(1)], ['gad7', gad7(1)]] as const) {
      expect((await env.call('POST', `/v1/me/questionnaires/${id}/responses`, { token, body: { answers } })).status).toBe(201);
    }
    expect((await env.call('POST', '/v1/me/exercises/maal/entries', { token, body: { values: { goal: 'Sove bedre', importance: 7 } } })).status).toBe(201);
    expect((await env.call('POST', '/v1/me/sections/start/complete', { token })).status).toBe(200);
    expect((await env.call('POST', '/v1/me/exercises/bekymring/entries', { token, body: { values: { worry: 'Jobben', strength: 6, kind: 'practical' } } })).status).toBe(201);
    expect((await env.call('POST', '/v1/me/checkins', { token, body: { ratings: { mood: 5, worry: 4 } } })).status).toBe(201);
    const before = await workOf(token);
    expect(before.entries).toHaveLength(1);
    expect((await env.call('GET', '/v1/me/sections/logg', { token })).json.section.title).toBe('Logg');

    const switched = await env.call('PUT', '/v1/me/locale', { token, body: { locale: 'en' } });
    expect([switched.status, switched.json, switched.headers.get('content-language')]).toEqual([200, { locale: 'en', contentLocale: 'en', locales: ['nb', 'en'] }, 'en']);
    expect(await workOf(token)).toEqual({ ...before, locale: 'en' });
    const part = await env.call('GET', '/v1/me/sections/logg', { token });
    expect(part.json.section.title).toBe('Log');
    const log = part.json.section.blocks.find((b: any) => b.type === 'exercise');
    expect([log.title, log.fields.map((f: any) => f.label)]).toEqual(['Worry log', ['What did you worry about?', 'How strongly?', 'Kind']]);
    expect(part.json.entries.map((e: any) => e.values.worry)).toEqual(['Jobben']);
    expect(part.json.state).toBe('available');
    expect(part.json.missing).toEqual(before.states[1].missing);

    // Work done in English counts in every language.
    expect((await env.call('POST', '/v1/me/exercises/bekymring/entries', { token, body: { values: { worry: 'Money', strength: 3, kind: 'hypothetical' } } })).status).toBe(201);
    expect((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9(1) } })).status).toBe(201);
    const inEnglish = await workOf(token);
    expect(inEnglish.states[1]).toMatchObject({ id: 'logg', state: 'available' });
    expect(inEnglish.exported.responses).toHaveLength(3);

    expect((await env.call('PUT', '/v1/me/locale', { token, body: { locale: 'nb' } })).json.contentLocale).toBe('nb');
    expect(await workOf(token)).toEqual({ ...inEnglish, locale: 'nb' });
    expect(inEnglish.entries.map((e: any) => e.values.worry)).toEqual(['Jobben', 'Money']);
    expect((await env.call('GET', '/v1/me/sections/logg', { token })).json.section.title).toBe('Logg');
    const done = await env.call('POST', '/v1/me/sections/logg/complete', { token });
    expect(done.status).toBe(200);
    expect(done.json.sections.map((s: any) => s.title)).toEqual(['Start', 'Logg', 'Slutt']);
    expect(done.headers.get('content-language')).toBe('nb');
  });

  it('refuses a language it does not have, keeping the old one', async () => {
    const p = await personIn('en');
    const bad = await env.call('PUT', '/v1/me/locale', { token: p.token, body: { locale: 'se' } });
    expect(bad.json.error.code).toBe('validation_failed');
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.locale).toBe('en');
  });
});

describe('messages in the chosen language', () => {
  it("answers a person's errors in their language and says which", async () => {
    const p = await personIn('en');
    const locked = await env.call('GET', '/v1/me/sections/slutt', { token: p.token });
    expect([locked.json.error.code, locked.json.error.message, locked.headers.get('content-language')]).toEqual(['section_locked', 'This part is not open yet.', 'en']);
    await env.call('PUT', '/v1/me/locale', { token: p.token, body: { locale: 'nn' } });
    const nn = await env.call('GET', '/v1/me/sections/slutt', { token: p.token });
    expect([nn.json.error.code, nn.json.error.message, nn.headers.get('content-language')]).toEqual(['section_locked', 'Denne delen er ikkje open enno.', 'nn']);
    await env.call('PUT', '/v1/me/locale', { token: p.token, body: { locale: 'nb' } });
    const missing = await env.call('GET', '/v1/me/sections/nope', { token: p.token });
    expect([missing.json.error.code, missing.json.error.message]).toEqual(['not_found', 'Denne delen finnes ikke i programmet.']);
  });

  it('answers other callers in their Accept-Language, else English', async () => {
    const plain = await env.call('GET', '/v1/me');
    expect([plain.json.error.message, plain.headers.get('content-language')]).toEqual(['Log in first: the token or session is missing, expired or revoked.', 'en']);
    const nb = await env.call('GET', '/v1/me', { headers: { 'accept-language': 'nb-NO,nb;q=0.9,en;q=0.5' } });
    expect([nb.json.error.code, nb.json.error.message, nb.headers.get('content-language')]).toEqual(['unauthorized', 'Logg inn først: innloggingen mangler, er utløpt eller er avsluttet.', 'nb']);
    const nn = await env.call('GET', '/v1/nowhere', { headers: { 'accept-language': 'nn' } });
    expect([nn.json.error.code, nn.json.error.message]).toEqual(['not_found', 'Denne adressa finst ikkje i API-et.']);
    const typo = await env.call('POST', '/v1/sessions', { body: { code: 'x' }, headers: { 'accept-language': 'no' } });
    expect(typo.headers.get('content-language')).toBe('nb');
  });
});

describe('where to get help', () => {
  it("names the default help contacts in the person's language, and keeps an organisation's own words", async () => {
    const p = await personIn('en');
    const risky = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0, 2) } });
    expect(risky.json.safety.contacts[0]).toEqual({ name: 'Medical emergency line (Medisinsk nødtelefon)', phone: '113', when: 'When a life may be in danger' });
    await env.call('PUT', '/v1/me/locale', { token: p.token, body: { locale: 'nn' } });
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.help.safety.contacts[1].when).toBe('Når du treng hjelp raskt, heile døgnet');
    const org = (await env.stores.orgs.bySlug('bydel-a'))!;
    await env.stores.orgs.setSafety(org.id, { title: 'Hjelp', message: 'Ring oss.', contacts: [{ name: 'Legevakt', phone: '116 117', when: 'hele døgnet' }] });
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.help.safety.contacts).toEqual([{ name: 'Legevakt', phone: '116 117', when: 'hele døgnet' }]);
  });
});

describe('public routes', () => {
  it('honour Accept-Language and say which language they answered in', async () => {
    const en = await env.call('GET', '/v1/programs/kurs', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect([en.json.title, en.json.locale, en.json.locales, en.json.parts.map((p: any) => p.title), en.headers.get('content-language')])
      .toEqual(['Test course', 'en', ['nb', 'en'], ['Start', 'Log', 'End'], 'en']);
    const nn = await env.call('GET', '/v1/programs/kurs', { headers: { 'accept-language': 'nn, en;q=0.5' } });
    expect([nn.json.title, nn.headers.get('content-language')]).toEqual(['Test course', 'en']);
    const none = await env.call('GET', '/v1/programs/kurs');
    expect([none.json.title, none.headers.get('content-language')]).toEqual(['Testkurs', 'nb']);
    const list = await env.call('GET', '/v1/programs', { headers: { 'accept-language': 'fr, en;q=0.1' } });
    expect([list.json.programs[0].title, list.headers.get('content-language')]).toEqual(['Test course', 'en']);
    expect(list.headers.get('vary')).toContain('Accept-Language');
  });
});

describe('the calendar feed', () => {
  it("names its events in the person's language", async () => {
    const p = await personIn('en');
    await env.call('POST', `/v1/staff/codes/${p.ref}/appointments`, { token: staff.token, body: { at: '2025-03-10T09:00:00Z', kind: 'in_person' } });
    const link = await env.call('POST', '/v1/me/calendar', { token: p.token });
    const english = await env.call('GET', link.json.path);
    expect(english.text).toContain('SUMMARY:Follow-up appointment (in person)');
    expect(english.headers.get('content-language')).toBe('en');
    await env.call('PUT', '/v1/me/locale', { token: p.token, body: { locale: 'nn' } });
    const nynorsk = await env.call('GET', link.json.path);
    expect(nynorsk.text).toContain('DESCRIPTION:Samtale med den som følgjer deg opp.');
  });
});
