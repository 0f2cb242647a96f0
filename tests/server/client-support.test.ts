/**
 * What the reference client (and any front end) needs besides the core routes:
 * questionnaire definitions to show, sleep efficiency from the sleep diary, and the
 * labels the professional's follow-up view shows entries with.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import type { CompiledProgram, Instrument } from '../../schemas/types.ts';
import { testApp, fixtureProgram, type TestEnv } from './helpers.ts';
import { addLicences } from '../../server/admin.ts';

let env: TestEnv;
afterEach(async () => env?.close());

const sovn = compileTree(['programs/sovn']).programs[0] as CompiledProgram;

/** The lowest answer to every item. */
const lowest = (instrument: Instrument) =>
  Object.fromEntries(instrument.items.map((item) => [item.id, item.type === 'scale' ? item.min : (item.options ?? instrument.options)![0]!.value]));

describe('questionnaire definitions for the person', () => {
  it('lists the program’s questionnaires and forms, and gives one by id', async () => {
    env = await testApp();
    const staff = await env.org();
    const person = await env.person(staff.token);
    const list = await env.call('GET', '/v1/me/questionnaires', { token: person.token });
    expect(list.status).toBe(200);
    expect(Object.keys(list.json.instruments).sort()).toEqual(Object.keys(env.program.instruments).sort());
    const checkin = await env.call('GET', '/v1/me/questionnaires/checkin', { token: person.token });
    expect(checkin.json.instrument.items.every((i: { type: string }) => i.type === 'scale')).toBe(true);
    expect((await env.call('GET', '/v1/me/questionnaires/phq9', { token: person.token })).json.instrument.id).toBe('phq9');
    expect((await env.call('GET', '/v1/me/questionnaires/isi', { token: person.token })).json.error.code).toBe('not_found');
    expect((await env.call('GET', '/v1/me/questionnaires/phq9')).status).toBe(401);
  });
});

describe('the sleep diary', () => {
  it('gives time in bed, total sleep time and sleep efficiency per night, to the person and, with consent, the professional', async () => {
    env = await testApp({ programs: [fixtureProgram(), sovn] });
    const staff = await env.org();
    await addLicences(env.stores, staff.slug, 'sovn', 2);
    const issued = await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'sovn' } });
    const token = (await env.call('POST', '/v1/sessions', { body: { code: issued.json.code } })).json.token as string;
    await env.call('PUT', '/v1/me/consent', { token, body: { share: true } });
    for (const id of sovn.measurement.start) {
      const saved = await env.call('POST', `/v1/me/questionnaires/${id}/responses`, { token, body: { answers: lowest(sovn.instruments[id]!) } });
      expect(saved.status, saved.text).toBe(201);
    }
    const night = { night: '2026-11-20', 'in-bed': '23:00', 'lights-out': '23:30', 'sleep-latency': 30, 'awake-during-night': 30, 'final-wake': '06:30', 'out-of-bed': '07:00' };
    const entry = await env.call('POST', '/v1/me/exercises/sleep-diary/entries', { token, body: { values: night } });
    expect(entry.status, entry.text).toBe(201);
    await env.call('POST', '/v1/me/exercises/sleep-diary/entries', { token, body: { values: { ...night, night: '2026-11-19', 'awake-during-night': 0 } } });

    const scores = await env.call('GET', '/v1/me/scores', { token });
    expect(scores.json.sleep).toEqual([
      { at: '2026-11-19', exerciseId: 'sleep-diary', timeInBed: 480, totalSleepTime: 390, sleepEfficiency: 81.3 },
      { at: '2026-11-20', exerciseId: 'sleep-diary', timeInBed: 480, totalSleepTime: 360, sleepEfficiency: 75 },
    ]);

    expect(scores.json.sleepWindow).toEqual({ minutes: 375, averageSleep: 375, nights: 2 });

    const detail = await env.call('GET', `/v1/staff/codes/${issued.json.ref}`, { token: staff.token });
    expect(detail.json.sleepWindow).toEqual(scores.json.sleepWindow);
    expect(detail.status).toBe(200);
    expect(detail.json.sleep).toEqual(scores.json.sleep);
    expect(detail.json.exercises['sleep-diary'].fields.map((f: { id: string }) => f.id)).toContain('sleep-latency');
    expect(detail.json.instruments.bis.name).toMatch(/Bergen/);
  });
});

describe('help contacts, the service and the content language for the reference client', () => {
  it('gives the person the service and the organisation’s help contacts on every visit, not only after a risk answer', async () => {
    env = await testApp();
    const staff = await env.org();
    const person = await env.person(staff.token);
    const before = await env.call('GET', '/v1/me', { token: person.token });
    expect(before.json.help.service).toEqual({ name: 'Org bydel-a' });
    expect(before.json.help.safety.contacts.map((c: { phone: string }) => c.phone)).toContain('113');
    const org = (await env.stores.orgs.bySlug('bydel-a'))!;
    await env.stores.orgs.setSafety(org.id, { title: 'Hjelp', message: 'Ring oss.', contacts: [{ name: 'Legevakt', phone: '116 117' }], service: { phone: '22 00 00 00', when: 'hverdager 8-15' } });
    const after = await env.call('GET', '/v1/me', { token: person.token });
    expect(after.json.help).toEqual({
      service: { name: 'Org bydel-a', phone: '22 00 00 00', when: 'hverdager 8-15' },
      safety: { title: 'Hjelp', message: 'Ring oss.', contacts: [{ name: 'Legevakt', phone: '116 117' }] },
    });
    expect((await env.call('GET', '/v1/me/program', { token: person.token })).json.locale).toBe('nb');
    expect((await env.call('GET', '/v1/programs/kurs')).json.locale).toBe('nb');
  });

  it('gives staff their service’s name and phone, and a QR code of the login page only (never a code)', async () => {
    env = await testApp();
    const staff = await env.org();
    const org = (await env.stores.orgs.bySlug('bydel-a'))!;
    await env.stores.orgs.setSafety(org.id, { title: 'Hjelp', message: 'Ring oss.', contacts: [{ name: 'Legevakt', phone: '116 117' }], service: { phone: '22 00 00 00' } });
    const plain = await env.call('GET', '/v1/staff/service', { token: staff.token });
    expect(plain.json).toEqual({ name: 'Org bydel-a', phone: '22 00 00 00' });
    const withQr = await env.call('GET', `/v1/staff/service?origin=${encodeURIComponent('https://mestring.example.no')}`, { token: staff.token });
    expect(withQr.json.loginUrl).toBe('https://mestring.example.no/');
    expect(withQr.json.loginQrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    for (const origin of ['https://mestring.example.no/?code=7K3M', 'javascript:alert(1)', 'https://a.no/#x']) {
      expect((await env.call('GET', `/v1/staff/service?origin=${encodeURIComponent(origin)}`, { token: staff.token })).status).toBe(422);
    }
    expect((await env.call('GET', '/v1/staff/service')).status).toBe(401);
  });
});
