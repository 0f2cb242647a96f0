/**
 * Sessions end when they should, all at once: logout, expiry, revocation and erasure end
 * every token of a code; staff logout, expiry, password change and a second-factor reset
 * end staff sessions; and a token of one code never reaches another code's data.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, phq9, gad7, type TestEnv } from '../server/helpers.ts';
import { deleteExpiredSessions, expiredSessionsTimer } from '../../server/expired-sessions.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

const personRoutes = ['/v1/me', '/v1/me/consent', '/v1/me/program', '/v1/me/scores', '/v1/me/checkins', '/v1/me/export'];
const loginAgain = async (code: string, remember = false) => (await env.call('POST', '/v1/sessions', { body: { code, remember } })).json.token as string;
async function allRefused(token: string) {
  for (const path of personRoutes) expect([path, (await env.call('GET', path, { token })).status]).toEqual([path, 401]);
}

describe('person sessions', () => {
  it('logout ends that token only', async () => {
    const staff = await env.org();
    const p = await env.person(staff.token);
    const second = await loginAgain(p.code);
    expect((await env.call('DELETE', '/v1/sessions/current', { token: p.token })).status).toBe(204);
    await allRefused(p.token);
    expect((await env.call('GET', '/v1/me', { token: second })).status).toBe(200);
  });

  it('expires after 12 hours, or 90 days with remember me', async () => {
    const staff = await env.org();
    const p = await env.person(staff.token, false);
    const remembered = await loginAgain(p.code, true);
    env.clock.advance({ hours: 12, seconds: 1 });
    await allRefused(p.token);
    expect((await env.call('GET', '/v1/me', { token: remembered })).status).toBe(200);
    env.clock.advance({ days: 90 });
    await allRefused(remembered);
  });

  it('revocation and erasure end every token of the code at once', async () => {
    const staff = await env.org();
    const p = await env.person(staff.token);
    const tokens = [p.token, await loginAgain(p.code), await loginAgain(p.code, true)];
    await env.call('POST', `/v1/staff/codes/${p.ref}/revoke`, { token: staff.token });
    for (const token of tokens) await allRefused(token);
    expect((await env.call('POST', '/v1/sessions', { body: { code: p.code } })).json.error.code).toBe('invalid_code');

    const q = await env.person(staff.token);
    const qTokens = [q.token, await loginAgain(q.code)];
    expect((await env.call('DELETE', '/v1/me', { token: q.token })).status).toBe(204);
    for (const token of qTokens) await allRefused(token);
    expect(await env.rows(sql`SELECT count(*) AS n FROM person_sessions WHERE code_id = (SELECT id FROM codes WHERE ref = ${q.ref})`)).toEqual([{ n: 0 }]);
  });

  it('never lets one code\'s token reach another code\'s entries or responses', async () => {
    const staff = await env.org();
    const x = await env.person(staff.token);
    const y = await env.person(staff.token);
    for (const p of [x, y]) {
      await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
      await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(1) } });
    }
    const yEntry = await env.call('POST', '/v1/me/exercises/maal/entries', { token: y.token, body: { values: { goal: 'Ys mål' } } });
    expect(yEntry.status).toBe(201);
    const id = yEntry.json.id;
    expect((await env.call('PUT', `/v1/me/exercises/maal/entries/${id}`, { token: x.token, body: { values: { goal: 'kapret' } } })).status).toBe(404);
    expect((await env.call('DELETE', `/v1/me/exercises/maal/entries/${id}`, { token: x.token })).status).toBe(404);
    for (const path of [...personRoutes, '/v1/me/exercises/maal/entries']) expect((await env.call('GET', path, { token: x.token })).text).not.toContain('Ys mål');
    expect((await env.call('GET', '/v1/me/exercises/maal/entries', { token: y.token })).json.entries[0].values.goal).toBe('Ys mål');
    // A person token is not a staff token and the other way round.
    expect((await env.call('GET', '/v1/staff/codes', { token: x.token })).status).toBe(401);
    expect((await env.call('GET', '/v1/me', { token: staff.token })).status).toBe(401);
  });
});

describe('staff sessions', () => {
  it('end at logout, after 12 hours, when the password changes elsewhere, and the cookie goes with them', async () => {
    const who = await env.org();
    const out = await env.call('DELETE', '/v1/staff/sessions/current', { token: who.token });
    expect(out.headers.get('set-cookie')).toMatch(/__Host-mestring_staff=;.*Max-Age=0/i);
    expect((await env.call('GET', '/v1/staff/programs', { token: who.token })).status).toBe(401);
    expect((await env.call('GET', '/v1/staff/programs', { headers: { cookie: `__Host-mestring_staff=${who.token}` } })).status).toBe(401);

    const { staffLogin } = await import('../server/two-factor.ts');
    const one = await staffLogin(env, who);
    const two = await staffLogin(env, who);
    expect((await env.call('PUT', '/v1/staff/password', { token: two, body: { currentPassword: who.password, newPassword: 'yet another long password' } })).status).toBe(200);
    expect((await env.call('GET', '/v1/staff/programs', { token: one })).status).toBe(401);
    expect((await env.call('GET', '/v1/staff/programs', { token: two })).status).toBe(200);
    env.clock.advance({ hours: 12, seconds: 1 });
    expect((await env.call('GET', '/v1/staff/programs', { token: two })).status).toBe(401);
  });
});

describe('expired sessions', () => {
  const count = async (table: 'person_sessions' | 'staff_sessions') => Number((await env.rows(sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`))[0]!.n);

  it('are deleted, a page at a time, and the sessions still running are kept', async () => {
    const staff = await env.org();
    const p = await env.person(staff.token, false);
    for (let i = 0; i < 4; i++) await loginAgain(p.code);
    const remembered = await loginAgain(p.code, true);
    expect([await count('person_sessions'), await count('staff_sessions')]).toEqual([6, 1]);

    // Nothing has expired yet: the sweep deletes nothing.
    expect(await deleteExpiredSessions(env.stores, env.clock.now(), 2)).toBe(0);
    env.clock.advance({ hours: 12, seconds: 1 });
    // Five short person sessions and the staff session, two per statement: pages go on until one is not full.
    expect(await deleteExpiredSessions(env.stores, env.clock.now(), 2)).toBe(6);
    expect([await count('person_sessions'), await count('staff_sessions')]).toEqual([1, 0]);
    expect((await env.call('GET', '/v1/me', { token: remembered })).status).toBe(200);
    env.clock.advance({ days: 90 });
    expect(await deleteExpiredSessions(env.stores, env.clock.now())).toBe(1);
    expect(await count('person_sessions')).toBe(0);
  });

  it('are looked for at most once an hour by the server\'s timer', async () => {
    const staff = await env.org();
    await env.person(staff.token, false);
    const sweep = expiredSessionsTimer({ stores: env.stores, clock: env.clock, everyMs: 60 * 60_000 });
    await sweep();
    env.clock.advance({ hours: 12, seconds: 1 });
    await sweep();
    expect([await count('person_sessions'), await count('staff_sessions')]).toEqual([0, 0]);
    const again = await env.org('other');
    await env.person(again.token, false);
    env.clock.advance({ minutes: 59 });
    await sweep();
    expect([await count('person_sessions'), await count('staff_sessions')]).toEqual([1, 1]);
    env.clock.advance({ hours: 12 });
    await sweep();
    expect([await count('person_sessions'), await count('staff_sessions')]).toEqual([0, 0]);
  });
});
