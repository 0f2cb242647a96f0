/**
 * Code guessing: thousands of wrong codes are answered 429 with Retry-After (per address,
 * then by the global budget), while a real code still logs in, at once from another
 * address and within a bounded wait (the Retry-After given, at most 15 minutes) from the
 * attacker's own address or after a spread-out attack. The throttle lives in memory: the
 * restart half is in crash.test.ts, and addresses.test.ts greps every file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestEnv } from '../server/helpers.ts';
import { formatCode, generateCode } from '../../server/codes/access-code.ts';

let env: TestEnv;
afterEach(async () => env.close());

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const guess = (address: string) => env.call('POST', '/v1/sessions', { body: { code: formatCode(generateCode()) }, bindings: from(address) });

describe('thousands of wrong codes', () => {
  it('from one address: 10 are judged, the rest get 429; a real code logs in from elsewhere at once and from there after Retry-After', async () => {
    env = await testApp();
    const staff = await env.org();
    const real = (await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'kurs' } })).json.code as string;
    const counts: Record<number, number> = {};
    let retryAfter = 0;
    for (let i = 0; i < 3000; i++) {
      const res = await guess('203.0.113.7');
      counts[res.status] = (counts[res.status] ?? 0) + 1;
      if (res.status === 429) retryAfter = Number(res.headers.get('retry-after'));
    }
    expect(counts).toEqual({ 401: 10, 429: 2990 });
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await env.call('POST', '/v1/sessions', { body: { code: real }, bindings: from('198.51.100.20') })).status).toBe(201);
    expect((await env.call('POST', '/v1/sessions', { body: { code: real }, bindings: from('203.0.113.7') })).status).toBe(429);
    env.clock.advance({ seconds: retryAfter });
    expect((await env.call('POST', '/v1/sessions', { body: { code: real }, bindings: from('203.0.113.7') })).status).toBe(201);
  });

  it('spread over many addresses: the global budget stops guessing; a real code logs in within the window', async () => {
    env = await testApp({ throttle: { perAddress: 10, global: 1000 } });
    const staff = await env.org();
    const real = (await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'kurs' } })).json.code as string;
    let judged = 0;
    let retryAfter = 0;
    for (let i = 0; i < 2000; i++) {
      const res = await guess(`10.${(i >> 8) & 255}.${i & 255}.1`);
      if (res.status === 401) judged++;
      else retryAfter = Number(res.headers.get('retry-after'));
    }
    expect(judged).toBe(1000);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    env.clock.advance({ seconds: retryAfter });
    expect((await env.call('POST', '/v1/sessions', { body: { code: real }, bindings: from('198.51.100.30') })).status).toBe(201);
  });

  it('a typo never counts against the person', async () => {
    env = await testApp();
    const staff = await env.org();
    const real = (await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'kurs' } })).json.code as string;
    const typo = real.slice(0, -1) + (real.endsWith('0') ? '1' : '0');
    for (let i = 0; i < 50; i++) expect((await env.call('POST', '/v1/sessions', { body: { code: typo }, bindings: from('192.0.2.1') })).json.error.code).toBe('code_typo');
    expect((await env.call('POST', '/v1/sessions', { body: { code: real }, bindings: from('192.0.2.1') })).status).toBe(201);
  });
});
