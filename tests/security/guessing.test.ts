/**
 * Code guessing and the promise that nobody can lock real people out: thousands of
 * wrong codes raise the proof-of-work each guess needs (429 challenge_required with an
 * ALTCHA challenge and Retry-After: 0), from the guessing address and, less, for
 * everyone; they never close the door. A valid code is never refused because of anyone
 * else's failures: from a clean address it gets in at once, and with a solved challenge
 * it gets in from anywhere, also the attacker's own address and also behind a shared
 * reverse proxy (MESTRING_TRUSTED_PROXIES). The restart half is in crash.test.ts, and
 * addresses.test.ts greps every file for the addresses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestEnv } from '../server/helpers.ts';
import { checkSymbol, formatCode, generateCode } from '../../server/codes/access-code.ts';
import { personPolicy } from '../../server/throttle/guess-gate.ts';
import { cheapPolicy, solve } from './proof-of-work.ts';

let env: TestEnv;
afterEach(async () => env.close());

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const login = (code: string, address: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  env.call('POST', '/v1/sessions', { body: { code, ...extra }, bindings: from(address), headers });
/** Logs in with `code`, solving every challenge the server asks for (as the reference client does). */
async function loginSolving(code: string, address: string, headers: Record<string, string> = {}) {
  let res = await login(code, address, {}, headers);
  for (let round = 0; res.status === 429 && round < 3; round++) {
    expect([res.json.error.code, res.headers.get('retry-after')]).toEqual(['challenge_required', '0']);
    res = await login(code, address, { altcha: await solve(res.json.error.challenge) }, headers);
  }
  return res;
}
async function setUp(policy = cheapPolicy, config: { trustedProxies?: string[] } = {}) {
  env = await testApp({ policy: { person: policy }, config: { programsDir: 'tests/server/fixtures/programs', ...config } });
  const staff = await env.org();
  return (await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'kurs' } })).json.code as string;
}

describe('thousands of wrong codes from one address', { timeout: 120_000 }, () => {
  it('raise the work each guess needs and never close the door; a real code gets in from elsewhere at once and from there with work', async () => {
    const real = await setUp();
    const statuses: Record<string, number> = {};
    const difficulties: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const res = await login(formatCode(generateCode()), '203.0.113.7');
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 429) {
        expect([res.json.error.code, res.headers.get('retry-after')]).toEqual(['challenge_required', '0']);
        difficulties.push(res.json.error.challenge.maxnumber);
      }
    }
    // Three free failures, then every guess needs work: no Retry-After to wait out.
    expect(statuses).toEqual({ 401: 3, 429: 997 });
    // Solving is what an attacker must do for each further guess; each failure raises the next difficulty.
    const seen: number[] = [difficulties[0]!];
    for (let i = 0; i < 12; i++) {
      const res = await login(formatCode(generateCode()), '203.0.113.7');
      const judged = await login(formatCode(generateCode()), '203.0.113.7', { altcha: await solve(res.json.error.challenge) });
      expect(judged.status).toBe(401);
      seen.push((await login(formatCode(generateCode()), '203.0.113.7')).json.error.challenge.maxnumber);
    }
    expect(seen.at(-1)!).toBeGreaterThan(seen[0]! * 4);
    expect(Math.max(...seen)).toBeLessThanOrEqual(cheapPolicy.max);
    expect((await login(real, '198.51.100.20')).status).toBe(201);
    expect((await loginSolving(real, '203.0.113.7')).status).toBe(201);
  });

  it('accept a solution once, for its own purpose and until it expires', async () => {
    await setUp();
    for (let i = 0; i < 3; i++) await login(formatCode(generateCode()), '192.0.2.9');
    const challenge = (await login(formatCode(generateCode()), '192.0.2.9')).json.error.challenge;
    const altcha = await solve(challenge);
    expect((await login(formatCode(generateCode()), '192.0.2.9', { altcha })).status).toBe(401);
    const replay = await login(formatCode(generateCode()), '192.0.2.9', { altcha });
    expect([replay.status, replay.json.error.code, replay.json.error.message]).toEqual([429, 'challenge_required', expect.stringMatching(/used/)]);
    // A solution for a code login is not one for a staff login.
    const staffLogin = (altcha?: string) => env.call('POST', '/v1/staff/sessions', { body: { org: 'bydel-a', username: 'x', password: 'y', altcha }, bindings: from('192.0.2.9') });
    for (let i = 0; i < 3; i++) expect((await staffLogin()).status).toBe(401);
    const personSolution = await solve((await login(formatCode(generateCode()), '192.0.2.9')).json.error.challenge);
    const wrongScope = await staffLogin(personSolution);
    expect([wrongScope.status, wrongScope.json.error.message]).toEqual([429, expect.stringMatching(/wrong scope/)]);
    const later = await solve((await login(formatCode(generateCode()), '192.0.2.9')).json.error.challenge);
    env.clock.advance({ minutes: 11 });
    // Ten minutes later the address's failures still count (the window is 15 minutes), and the old solution has expired.
    const expired = await login(formatCode(generateCode()), '192.0.2.9', { altcha: later });
    expect([expired.status, expired.json.error.message]).toEqual([429, expect.stringMatching(/expired/)]);
    for (const altcha of ['', 'x'.repeat(3000), Buffer.from('{"algorithm":"SHA-256"}').toString('base64'), 'not base64 at all!']) {
      const res = await login(formatCode(generateCode()), '192.0.2.9', { altcha });
      expect([res.status, res.json.error.code]).toEqual(altcha === '' || altcha.length > 2000 ? [422, 'validation_failed'] : [429, 'challenge_required']);
    }
  });
});

describe('wrong codes spread over many addresses', { timeout: 120_000 }, () => {
  it('raise the work for everyone a little, and a real code from a fresh address gets in with one solved challenge', async () => {
    const real = await setUp({ ...cheapPolicy });
    let judged = 0;
    let asked = 0;
    for (let i = 0; i < 600; i++) {
      const res = await login(formatCode(generateCode()), `10.${(i >> 8) & 255}.${i & 255}.1`);
      if (res.status === 401) judged++;
      else if (res.json.error.code === 'challenge_required') asked++;
    }
    expect(judged).toBe(personPolicy.free.global);
    expect(asked).toBe(600 - personPolicy.free.global);
    const res = await loginSolving(real, '198.51.100.30');
    expect(res.status).toBe(201);
  });
});

describe('behind a reverse proxy', { timeout: 120_000 }, () => {
  const proxy = '127.0.0.1';
  const via = (client: string) => ({ 'x-forwarded-for': `${client}, 10.9.9.9` });

  it("keys each client by its address in X-Forwarded-For, so one client's failures ask nothing of another", async () => {
    const real = await setUp(cheapPolicy, { trustedProxies: ['127.0.0.1', '10.0.0.0/8'] });
    for (let i = 0; i < 10; i++) await login(formatCode(generateCode()), proxy, {}, via('203.0.113.7'));
    expect((await login(formatCode(generateCode()), proxy, {}, via('203.0.113.7'))).json.error.code).toBe('challenge_required');
    // Everyone else behind the same proxy logs in at once.
    expect((await login(real, proxy, {}, via('198.51.100.20'))).status).toBe(201);
    expect((await login(formatCode(generateCode()), proxy, {}, via('198.51.100.21'))).status).toBe(401);
    // X-Forwarded-For from a peer that is not a trusted proxy is ignored: no escaping one's own key.
    for (let i = 0; i < 3; i++) await login(formatCode(generateCode()), '203.0.113.50', {}, { 'x-forwarded-for': `198.51.100.${i}` });
    expect((await login(formatCode(generateCode()), '203.0.113.50', {}, { 'x-forwarded-for': '198.51.100.99' })).json.error.code).toBe('challenge_required');
  });

  it('without MESTRING_TRUSTED_PROXIES every client shares the proxy address, and a real code still gets in with work', async () => {
    const real = await setUp();
    for (let i = 0; i < 50; i++) await login(formatCode(generateCode()), proxy, {}, via(`203.0.113.${i}`));
    expect((await loginSolving(real, proxy, via('198.51.100.20'))).status).toBe(201);
  });
});

describe('guesses that do not count', { timeout: 120_000 }, () => {
  it('a typo is answered at once and never counts against the person', async () => {
    const real = await setUp();
    const typo = real.slice(0, -1) + (real.endsWith('0') ? '1' : '0');
    for (let i = 0; i < 50; i++) expect((await login(typo, '192.0.2.1')).json.error.code).toBe('code_typo');
    expect((await login(real, '192.0.2.1')).status).toBe(201);
  });

  it('codes of one repeated character are never valid and never count as a guess', async () => {
    const real = await setUp();
    const repeated = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'].map((c) => formatCode(c.repeat(16) + checkSymbol(c.repeat(16))));
    for (const code of [...repeated, ...repeated]) {
      const res = await login(code, '192.0.2.2');
      expect([code, res.status, res.json.error.code]).toEqual([code, 401, 'invalid_code']);
    }
    // None of the 64 counted: this address's first wrong guesses are still free.
    expect((await login(formatCode(generateCode()), '192.0.2.2')).status).toBe(401);
    expect((await login(real, '192.0.2.2')).status).toBe(201);
  });
});
