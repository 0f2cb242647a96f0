/**
 * The staff portal's account promises: a change authenticated by the portal cookie must
 * come from the portal's own pages (403 cross_origin_refused otherwise, before anything
 * changes); new passwords must be long and hard to guess (zxcvbn-ts, with a message
 * saying why); and password hashing never holds up the server (async scrypt): with 40
 * wrong logins in flight on the real server, /healthz still answers at once.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { testApp, type TestEnv } from '../server/helpers.ts';
import { checksum } from './world.ts';
import { request, seedDataDir, startServerProcess, type DataDir } from './server-process.ts';

let env: TestEnv;
afterEach(async () => env?.close());

describe('changes made with the portal cookie', () => {
  it('are refused from any other origin, and allowed from the portal itself', async () => {
    env = await testApp();
    const admin = await env.org('bydel-a', 'admin');
    const pro = await env.org('bydel-a', 'professional');
    const person = await env.person(pro.token);
    const cookie = { cookie: `__Host-mestring_staff=${admin.token}` };
    const before = await checksum(env.stores, { except: ['audit_log'] });
    const attempts: [string, string, Record<string, string>][] = [
      ['POST', `/v1/staff/codes/${person.ref}/revoke`, { origin: 'https://evil.example' }],
      ['POST', `/v1/staff/accounts/${pro.username}/totp/reset`, { origin: 'https://evil.example' }],
      ['POST', `/v1/staff/codes/${person.ref}/revoke`, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
      ['POST', `/v1/staff/codes/${person.ref}/revoke`, { origin: 'http://localhost', 'sec-fetch-site': 'same-site' }],
      ['POST', `/v1/staff/codes/${person.ref}/revoke`, {}],
      ['POST', `/v1/staff/codes/${person.ref}/revoke`, { origin: 'null' }],
      ['DELETE', '/v1/staff/sessions/current', { origin: 'https://localhost.evil.example' }],
      ['PUT', '/v1/staff/password', { origin: 'https://evil.example' }],
    ];
    for (const [method, path, headers] of attempts) {
      const res = await env.call(method, path, { headers: { ...cookie, ...headers }, body: method === 'PUT' ? { currentPassword: admin.password, newPassword: 'an entirely new passphrase' } : undefined });
      expect([method, path, JSON.stringify(headers), res.status, res.json?.error?.code]).toEqual([method, path, JSON.stringify(headers), 403, 'cross_origin_refused']);
    }
    expect(await checksum(env.stores, { except: ['audit_log'] })).toBe(before);
    // Reads with the cookie, and anything with a bearer token, are not affected.
    expect((await env.call('GET', '/v1/staff/codes', { headers: { ...cookie, origin: 'https://evil.example' } })).status).toBe(200);
    expect((await env.call('POST', `/v1/staff/accounts/${pro.username}/totp/reset`, { token: admin.token, headers: { origin: 'https://evil.example' } })).status).toBe(200);
    // From the portal's own pages: Sec-Fetch-Site same-origin, or an Origin with this host.
    expect((await env.call('POST', `/v1/staff/codes/${person.ref}/revoke`, { headers: { ...cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect((await env.call('DELETE', '/v1/staff/sessions/current', { headers: { ...cookie, origin: 'http://localhost' } })).status).toBe(204);
  });
});

describe('new staff passwords', () => {
  it('must be at least 12 characters and hard to guess, with a message saying why', async () => {
    env = await testApp();
    const who = await env.org();
    for (const weak of ['passwordpassword', 'qwertyuiopas', '123456789012', 'aaaaaaaaaaaaaaaa', `${who.username}2025!`]) {
      const res = await env.call('PUT', '/v1/staff/password', { token: who.token, body: { currentPassword: who.password, newPassword: weak } });
      expect([weak, res.status, res.json.error.fields?.[0]?.field]).toEqual([weak, 422, 'newPassword']);
      expect(res.json.error.message).toMatch(/too easy to guess: ./);
    }
    const strong = await env.call('PUT', '/v1/staff/password', { token: who.token, body: { currentPassword: who.password, newPassword: 'lilla tranebær over fjorden' } });
    expect(strong.status).toBe(200);
  });
});

describe('password hashing', () => {
  let data: DataDir | undefined;
  afterAll(() => data && rmSync(data.dir, { recursive: true, force: true }));

  it('does not hold up the server: /healthz answers while 40 wrong logins are hashed', async () => {
    data = await seedDataDir({ codes: 1 });
    const server = await startServerProcess(data);
    try {
      let loginsDone = 0;
      const logins = Array.from({ length: 40 }, (_, i) =>
        request(server.port, 'POST', '/v1/staff/sessions', { body: { org: 'bydel-a', username: `nobody-${i}`, password: 'wrong password' }, localAddress: `127.0.1.${i + 1}`, timeoutMs: 120_000 })
          .then((res) => {
            loginsDone++;
            return res.status;
          }));
      // Give the logins a head start, so that they are all being hashed.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const healthAt: number[] = [];
      for (let i = 0; i < 5; i++) {
        expect((await request(server.port, 'GET', '/healthz', { timeoutMs: 120_000 })).status).toBe(200);
        healthAt.push(loginsDone);
      }
      const statuses = await Promise.all(logins);
      expect(statuses.every((s) => s === 401)).toBe(true);
      // With hashing on the event loop, each /healthz waited for the logins ahead of it (all 40 were done).
      expect(healthAt[0]).toBeLessThan(30);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
