/** An organisation's admins manage its staff accounts; professionals cannot; other organisations never see them. */
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
afterEach(async () => env?.close());

describe('staff accounts', () => {
  it('lets an admin list and create accounts; the new account logs in with its one-time password', async () => {
    env = await testApp();
    const admin = await env.org('bydel-a', 'admin');
    await env.org('bydel-b', 'admin');
    const created = await env.call('POST', '/v1/staff/accounts', { token: admin.token, body: { username: 'ola', role: 'professional' } });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ username: 'ola', role: 'professional' });
    expect(created.json.password).toMatch(/\S{12,}/);

    const list = await env.call('GET', '/v1/staff/accounts', { token: admin.token });
    expect(list.json.accounts.map((a: { username: string }) => a.username).sort()).toEqual([admin.username, 'ola'].sort());
    expect(list.json.accounts.find((a: { username: string }) => a.username === 'ola')).toMatchObject({ mustChangePassword: true, twoFactor: false });
    expect(list.json.accounts.find((a: { username: string }) => a.username === admin.username)).toMatchObject({ mustChangePassword: false, twoFactor: true });

    const login = await env.call('POST', '/v1/staff/sessions', { body: { org: 'bydel-a', username: 'ola', password: created.json.password } });
    expect(login.status).toBe(201);
    expect(login.json.mustChangePassword).toBe(true);

    expect((await env.call('POST', '/v1/staff/accounts', { token: admin.token, body: { username: 'ola', role: 'admin' } })).json.error.code).toBe('conflict');
    expect((await env.call('POST', '/v1/staff/accounts', { token: admin.token, body: { username: 'Not Valid', role: 'admin' } })).status).toBe(422);
  });

  it('keeps accounts inside the organisation and away from professionals', async () => {
    env = await testApp();
    await env.org('bydel-a', 'admin');
    const other = await env.org('bydel-b', 'admin');
    const pro = await env.org('bydel-a', 'professional');
    const list = await env.call('GET', '/v1/staff/accounts', { token: other.token });
    expect(list.json.accounts.map((a: { username: string }) => a.username)).toEqual([other.username]);
    expect((await env.call('GET', '/v1/staff/accounts', { token: pro.token })).json.error.code).toBe('forbidden');
    expect((await env.call('POST', '/v1/staff/accounts', { token: pro.token, body: { username: 'x1', role: 'admin' } })).json.error.code).toBe('forbidden');
  });
});
