/**
 * Group courses end to end: a group with a shared schedule and meetings, a batch of codes
 * issued into it (all or none), gating by date and completion with an early open still
 * possible, the next meeting on the person's home and in their calendar feed, and the
 * group view with consent and k-anonymity.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gad7, phq9, testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

const groupBody = {
  programId: 'kurs', name: 'Kurs vår', startDate: '2025-03-03', schedule: { everyDays: 7 },
  meetings: ['2025-03-12T16:00:00+01:00', '2025-03-05T16:00:00+01:00'],
};

async function member(code: string) {
  const login = await env.call('POST', '/v1/sessions', { body: { code, remember: true } });
  const token = login.json.token as string;
  await env.call('PUT', '/v1/me/consent', { token, body: { share: true } });
  await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9(1) } });
  await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token, body: { answers: gad7(1) } });
  await env.call('POST', '/v1/me/exercises/maal/entries', { token, body: { values: { goal: 'Gå tur' } } });
  expect((await env.call('POST', '/v1/me/sections/start/complete', { token })).status).toBe(200);
  return token;
}

describe('group courses', { timeout: 120_000 }, () => {
  it('runs a group from creation to the date gate, the meetings and the group view', async () => {
    const pro = await env.org('bydel-a', 'professional', 5);
    // The staff page gives each part a date from the program's parts, in order.
    const { programs } = (await env.call('GET', '/v1/staff/programs', { token: pro.token })).json;
    expect(programs[0].sections).toEqual([{ id: 'start', number: 1, title: 'Start' }, { id: 'logg', number: 2, title: 'Logg' }, { id: 'slutt', number: 3, title: 'Slutt' }]);
    const created = await env.call('POST', '/v1/staff/groups', { token: pro.token, body: groupBody });
    expect(created.status).toBe(201);
    // Oslo is UTC+1 in early March: parts open at local midnight every 7 days from the start.
    expect(created.json).toMatchObject({
      name: 'Kurs vår', programId: 'kurs', startDate: '2025-03-03', members: 0,
      meetings: ['2025-03-05T15:00:00.000Z', '2025-03-12T15:00:00.000Z'],
      opens: { start: '2025-03-02T23:00:00.000Z', logg: '2025-03-09T23:00:00.000Z', slutt: '2025-03-16T23:00:00.000Z' },
      openDates: { start: '2025-03-03', logg: '2025-03-10', slutt: '2025-03-17' },
    });
    const ref = created.json.ref as string;

    // A sheet of codes: all or none.
    const sheet = await env.call('POST', `/v1/staff/groups/${ref}/codes`, { token: pro.token, body: { count: 3 } });
    expect(sheet.status).toBe(201);
    expect(sheet.json.codes).toHaveLength(3);
    expect((await env.call('POST', `/v1/staff/groups/${ref}/codes`, { token: pro.token, body: { count: 3 } })).json.error.code).toBe('quota_exhausted');
    expect((await env.call('GET', '/v1/staff/programs', { token: pro.token })).json.programs[0].licences).toEqual({ total: 5, used: 3, remaining: 2 });

    const [a, b] = sheet.json.codes;
    const ta = await member(a.code);
    const tb = await member(b.code);
    // Part 2 waits for its date although part 1 is complete.
    const locked = await env.call('GET', '/v1/me/sections/logg', { token: ta });
    expect(locked.json.error).toMatchObject({ code: 'section_locked', lockedReason: { code: 'scheduled', opensAt: '2025-03-09T23:00:00.000Z' } });
    // A professional can still open it early, with a reason.
    const early = await env.call('POST', `/v1/staff/codes/${a.ref}/unlock`, { token: pro.token, body: { sectionId: 'logg', reason: 'Var borte på møtet' } });
    expect(early.json.sections[1].state).toBe('available');
    expect((await env.call('GET', '/v1/me/sections/logg', { token: tb })).status).toBe(423);

    const home = await env.call('GET', '/v1/me', { token: tb });
    expect(home.json.nextGroupMeeting).toBe('2025-03-05T15:00:00.000Z');
    const link = await env.call('POST', '/v1/me/calendar', { token: tb });
    const feed = await env.call('GET', link.json.path);
    expect(feed.text).toContain('SUMMARY:Gruppemøte');
    expect(feed.text).toContain('DTSTART:20250305T150000Z');
    expect(feed.text).not.toContain(a.ref);
    expect(feed.text).not.toContain('Kurs vår');

    env.clock.advance({ days: 7 }); // 10 March: the date of part 2 has come
    expect((await env.call('GET', '/v1/me/sections/logg', { token: tb })).status).toBe(200);
    expect((await env.call('GET', '/v1/me', { token: tb })).json.nextGroupMeeting).toBe('2025-03-12T15:00:00.000Z');
    expect((await env.call('GET', link.json.path)).text).not.toContain('DTSTART:20250305T150000Z');

    // Members one by one with consent; together, only what k-anonymity lets through.
    await env.call('PUT', '/v1/me/consent', { token: tb, body: { share: false } });
    const staffToken = await (await import('./two-factor.ts')).staffLogin(env, pro);
    const view = await env.call('GET', `/v1/staff/groups/${ref}`, { token: staffToken });
    expect(view.status).toBe(200);
    expect(view.json.group.members).toBe(3);
    expect(view.json.members.map((m: any) => [m.ref, m.consent, m.progress?.completed])).toEqual([[a.ref, true, 1], [b.ref, false, undefined], [sheet.json.codes[2].ref, null, undefined]]);
    expect(view.json.aggregate).toEqual({
      k: 5, withConsent: null,
      sections: [{ sectionId: 'start', title: 'Start', completed: null }, { sectionId: 'logg', title: expect.any(String), completed: 0 }, { sectionId: 'slutt', title: expect.any(String), completed: 0 }],
      suppressed: ['aggregate.withConsent', 'aggregate.sections[0].completed'],
    });
    expect((await env.call('GET', '/v1/staff/groups', { token: staffToken })).json.groups.map((g: any) => g.ref)).toEqual([ref]);
  }, 120_000);

  it('refuses bad schedules, unknown programs, API keys and other organisations', async () => {
    const admin = await env.org('bydel-a', 'admin', 5);
    const bad = await env.call('POST', '/v1/staff/groups', { token: admin.token, body: { ...groupBody, schedule: { dates: { nope: '2025-03-03', logg: '2025-03-10' } } } });
    expect(bad.json.error.fields).toEqual([{ field: 'schedule/dates/nope', code: 'unknown_field', message: expect.any(String) }]);
    expect((await env.call('POST', '/v1/staff/groups', { token: admin.token, body: { ...groupBody, schedule: { dates: { logg: '2025-02-30' } } } })).status).toBe(422);
    expect((await env.call('POST', '/v1/staff/groups', { token: admin.token, body: { ...groupBody, startDate: '2025-02-30' } })).status).toBe(422);
    expect((await env.call('POST', '/v1/staff/groups', { token: admin.token, body: { ...groupBody, schedule: { everyDays: 0 } } })).status).toBe(422);
    expect((await env.call('POST', '/v1/staff/groups', { token: admin.token, body: { ...groupBody, programId: 'nope' } })).json.error.code).toBe('not_found');
    const byDates = await env.call('POST', '/v1/staff/groups', { token: admin.token, body: { ...groupBody, schedule: { dates: { logg: '2025-03-20' } } } });
    expect(byDates.json.opens).toEqual({ logg: '2025-03-19T23:00:00.000Z' });
    expect(byDates.json.openDates).toEqual({ logg: '2025-03-20' });
    const key = await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Partner', scopes: ['codes:create', 'codes:read'] } });
    expect((await env.call('GET', '/v1/staff/groups', { token: key.json.key })).json.error.code).toBe('forbidden');
    const other = await env.org('bydel-b', 'professional', 5);
    expect((await env.call('GET', `/v1/staff/groups/${byDates.json.ref}`, { token: other.token })).status).toBe(404);
    expect((await env.call('POST', `/v1/staff/groups/${byDates.json.ref}/codes`, { token: other.token, body: { count: 1 } })).status).toBe(404);
  });
});
