/**
 * Staff two-factor login: a password alone gives a limited session; enrolment, codes,
 * replay, recovery codes, per-account throttling and an admin's reset.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestEnv } from '../server/helpers.ts';
import { createStaff } from '../../server/admin.ts';
import { totpCode } from '../../server/auth/totp.ts';
import { enrolTwoFactor, staffLogin } from '../server/two-factor.ts';
import { cheapPolicy, solve } from './proof-of-work.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

const login = (org: string, username: string, password: string) => env.call('POST', '/v1/staff/sessions', { body: { org, username, password } });

describe('enrolment at first login', () => {
  it('limits the session until an authenticator is confirmed, then returns recovery codes once', async () => {
    const a = await env.org('bydel-a', 'admin');
    const { password } = await createStaff(env.stores, 'bydel-a', 'kari', 'professional', env.clock.now());
    const first = await login('bydel-a', 'kari', password);
    expect(first.json).toMatchObject({ mustChangePassword: true, twoFactor: 'enrolment_required' });
    const token = first.json.token;
    expect((await env.call('POST', '/v1/staff/totp/enrol', { token })).json.error.code).toBe('password_change_required');
    expect((await env.call('PUT', '/v1/staff/password', { token, body: { currentPassword: password, newPassword: 'kari sitt nye passord' } })).status).toBe(200);
    for (const [method, path] of [['GET', '/v1/staff/programs'], ['GET', '/v1/staff/codes'], ['POST', '/v1/staff/sessions/current/totp']] as const) {
      const res = await env.call(method, path, { token, body: method === 'POST' ? { code: '123456' } : undefined });
      expect([path, res.status, res.json.error.code]).toEqual([path, 403, 'two_factor_enrolment_required']);
    }
    const enrol = await env.call('POST', '/v1/staff/totp/enrol', { token });
    expect(enrol.status).toBe(200);
    expect(enrol.json.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Mestring:bydel-a%2Fkari\?.*secret=/);
    expect(enrol.json.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(enrol.json.qrSvg).not.toMatch(/href|<script|<image/i);
    // The secret is stored sealed, never in clear.
    const [stored = { totp_pending: '' }] = await env.rows(sql<{ totp_pending: string }>`SELECT totp_pending FROM staff WHERE username = ${'kari'}`);
    expect(stored.totp_pending).not.toContain(enrol.json.secret);
    const wrong = await env.call('POST', '/v1/staff/totp/confirm', { token, body: { code: '000000' === totpCode(enrol.json.secret, env.clock.now()) ? '111111' : '000000' } });
    expect(wrong.json.error.code).toBe('invalid_second_factor');
    const confirmed = await env.call('POST', '/v1/staff/totp/confirm', { token, body: { code: totpCode(enrol.json.secret, env.clock.now()) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.json.recoveryCodes).size).toBe(10);
    const dump = JSON.stringify(await env.rows(sql`SELECT * FROM staff_recovery_codes`));
    for (const code of confirmed.json.recoveryCodes) expect(dump).not.toContain(code.replace('-', ''));
    expect((await env.call('GET', '/v1/staff/programs', { token })).status).toBe(200);
    expect((await env.call('POST', '/v1/staff/totp/enrol', { token })).json.error.code).toBe('conflict');
    expect(a.token).toBeTruthy();
  });
});

describe('every later login', () => {
  it('needs a fresh code; a code is accepted once; a recovery code works once', async () => {
    const who = await env.org();
    const next = await login(who.slug, who.username, who.password);
    expect(next.json.twoFactor).toBe('required');
    const token = next.json.token;
    expect((await env.call('GET', '/v1/staff/programs', { token })).json.error.code).toBe('two_factor_required');
    expect((await env.call('GET', '/v1/staff/programs', { headers: { cookie: `__Host-mestring_staff=${token}` } })).json.error.code).toBe('two_factor_required');
    expect((await env.call('PUT', '/v1/staff/password', { token, body: { currentPassword: who.password, newPassword: 'takeover password 123' } })).json.error.code).toBe('two_factor_required');
    // The code that confirmed enrolment (same 30-second step) is not accepted again.
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token, body: { code: totpCode(who.secret, env.clock.now()) } })).json.error.code).toBe('invalid_second_factor');
    env.clock.advance({ seconds: 30 });
    const code = totpCode(who.secret, env.clock.now());
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token, body: { code } })).json).toEqual({ ok: true, recoveryCodesLeft: 10 });
    expect((await env.call('GET', '/v1/staff/programs', { token })).status).toBe(200);

    const other = (await login(who.slug, who.username, who.password)).json.token;
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token: other, body: { code } })).json.error.code).toBe('invalid_second_factor');
    const recovery = who.recoveryCodes[0]!.toUpperCase().replace('-', ' ');
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token: other, body: { code: recovery } })).json).toEqual({ ok: true, recoveryCodesLeft: 9 });
    const third = (await login(who.slug, who.username, who.password)).json.token;
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token: third, body: { code: recovery } })).json.error.code).toBe('invalid_second_factor');
    // Codes one step either side of now are accepted (clock drift), two steps are not.
    env.clock.advance({ seconds: 60 });
    const ahead = new Date(env.clock.now().getTime() + 60_000);
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token: third, body: { code: totpCode(who.secret, ahead) } })).status).toBe(401);
    const drift = new Date(env.clock.now().getTime() + 30_000);
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token: third, body: { code: totpCode(who.secret, drift) } })).status).toBe(200);
  });

  it('leaves API keys as they were', async () => {
    const admin = await env.org('bydel-a', 'admin');
    const key = await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Partner', scopes: ['codes:create', 'codes:read'] } });
    expect((await env.call('GET', '/v1/staff/codes', { token: key.json.key })).status).toBe(200);
    expect((await env.call('POST', '/v1/staff/totp/enrol', { token: key.json.key })).json.error.code).toBe('forbidden');
  });
});

describe('throttling per account', () => {
  it('answers 429 with Retry-After after 5 wrong codes, whatever the session, and lets the right code in after the wait', async () => {
    const who = await env.org();
    const tokens = await Promise.all([1, 2, 3].map(async () => (await login(who.slug, who.username, who.password)).json.token as string));
    env.clock.advance({ seconds: 30 });
    const right = totpCode(who.secret, env.clock.now());
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token: tokens[i % 3], body: { code: wrong } })).status).toBe(401);
    const blocked = await env.call('POST', '/v1/staff/sessions/current/totp', { token: tokens[2], body: { code: right } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    env.clock.advance({ seconds: Number(blocked.headers.get('retry-after')) });
    expect((await env.call('POST', '/v1/staff/sessions/current/totp', { token: tokens[2], body: { code: totpCode(who.secret, env.clock.now()) } })).status).toBe(200);
  });

  it('never locks an account: wrong passwords from anywhere raise the work for that account, and the right password gets in with it at once', async () => {
    env.close();
    env = await testApp({ policy: { staff: cheapPolicy } });
    const who = await env.org();
    const login = (username: string, password: string, address: string, altcha?: string) =>
      env.call('POST', '/v1/staff/sessions', { body: { org: who.slug, username, password, altcha }, bindings: { incoming: { socket: { remoteAddress: address } } } });
    const statuses: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await login(who.username, `wrong ${i}`, `127.0.${i}.9`);
      statuses.push(`${res.status} ${res.json.error.code} ${res.headers.get('retry-after') ?? ''}`);
    }
    expect(statuses.slice(0, 3)).toEqual(Array(3).fill('401 invalid_credentials '));
    expect(new Set(statuses.slice(3))).toEqual(new Set(['429 challenge_required 0']));
    // The real password, from a new address, with the work asked for: in at once (no Retry-After to wait out).
    const asked = await login(who.username, who.password, '127.1.1.1');
    expect(asked.json.error.code).toBe('challenge_required');
    expect(asked.json.error.challenge.maxnumber).toBeGreaterThan(cheapPolicy.base);
    const done = await login(who.username, who.password, '127.1.1.1', await solve(asked.json.error.challenge));
    expect([done.status, done.json.twoFactor]).toEqual([201, 'required']);
    // An account that does not exist is treated the same: nothing tells it apart.
    for (let i = 0; i < 3; i++) expect((await login('ghost', 'x', `127.2.${i}.9`)).status).toBe(401);
    expect((await login('ghost', 'x', '127.3.0.1')).json.error.code).toBe('challenge_required');
    // Failed logins are in the organisation's audit log: account and time, no address.
    const org = (await env.stores.orgs.bySlug(who.slug))!;
    const audit = (await env.stores.audit.list(org.id)).filter((r) => r.action.startsWith('staff.login.'));
    const staffId = (await env.stores.staff.byUsername(org.id, who.username))!.id;
    expect(audit.filter((r) => r.action === 'staff.login.failed' && r.staff_id === staffId)).toHaveLength(3);
    expect(audit.filter((r) => r.action === 'staff.login.unknown_user' && r.staff_id === null)).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toMatch(/127\.|ghost|wrong/);
  });
});

describe("an admin's reset", () => {
  it("removes a colleague's authenticator and ends their sessions; only within the organisation", { timeout: 90_000 }, async () => {
    const admin = await env.org('bydel-a', 'admin');
    const pro = await env.org('bydel-a', 'professional');
    const outsider = await env.org('bydel-b', 'admin');
    expect((await env.call('POST', `/v1/staff/accounts/${admin.username}/totp/reset`, { token: pro.token })).json.error.code).toBe('forbidden');
    expect((await env.call('POST', `/v1/staff/accounts/${pro.username}/totp/reset`, { token: outsider.token })).json.error.code).toBe('not_found');
    expect((await env.call('GET', '/v1/staff/programs', { token: pro.token })).status).toBe(200);
    expect((await env.call('POST', `/v1/staff/accounts/${pro.username}/totp/reset`, { token: admin.token })).json).toEqual({ ok: true });
    expect((await env.call('GET', '/v1/staff/programs', { token: pro.token })).status).toBe(401);
    const again = await login(pro.slug, pro.username, pro.password);
    expect(again.json.twoFactor).toBe('enrolment_required');
    const { secret } = await enrolTwoFactor(env, again.json.token);
    expect(secret).not.toBe(pro.secret);
    expect(await staffLogin(env, { ...pro, secret })).toMatch(/^mss_/);
    expect(await env.rows(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'staff.totp.reset'`)).toEqual([{ n: 1 }]);
  });
});
