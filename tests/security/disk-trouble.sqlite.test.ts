/**
 * Disk trouble fails closed: with the database full (SQLite's max_page_count) or the
 * connection read-only, every write answers 503 storage_unavailable with Retry-After,
 * logins do not half-succeed, nothing acknowledged before is lost, and writes work again
 * once the trouble is gone. (Tests run as root, so file modes would not stop them: the
 * trouble is made at the SQLite level: max_page_count, and query_only for a read-only
 * connection.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { world, checksum, type World } from './world.ts';
import { phq9 } from '../server/helpers.ts';

let w: World;
afterEach(async () => w.env.close());


describe('a full database', () => {
  it('answers 503 storage_unavailable for writes, keeps what was saved, and recovers', async () => {
    w = await world();
    const { env, a } = w;
    const saved: string[] = [];
    for (let i = 0; i < 5; i++) saved.push((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(1) } })).json.id);
    const db = env.stores.sqlite!;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let full = 0;
    for (let i = 0; i < 200 && full < 5; i++) {
      const answer = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(1) } });
      if (answer.status === 201) continue;
      full++;
      for (const r of [answer]) expect([r.status, r.json.error.code, r.headers.get('retry-after')]).toEqual([503, 'storage_unavailable', '30']);
    }
    expect(full).toBeGreaterThan(0);
    const before = await checksum(env.stores);
    const login = await env.call('POST', '/v1/sessions', { body: { code: a.person.code } });
    if (login.status !== 201) expect([login.status, login.json.error.code]).toEqual([503, 'storage_unavailable']);
    const code = await env.call('POST', '/v1/staff/codes', { token: a.pro.token, body: { programId: 'kurs' } });
    if (code.status !== 201) {
      expect(code.json.error.code).toBe('storage_unavailable');
      expect(await checksum(env.stores)).toBe(before); // no licence taken without a code
    }
    expect(env.logs.join('\n')).toMatch(/"level":"error".*"msg":"storage SQLITE_FULL"/);
    db.pragma('max_page_count = 1073741823');
    const exported = await env.call('GET', '/v1/me/export', { token: a.person.token });
    for (const id of saved) expect(exported.text).toContain(id);
    expect((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(1) } })).status).toBe(201);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a read-only database', () => {
  it('answers 503 for writes and logins, serves reads, and loses nothing', async () => {
    w = await world();
    const { env, a } = w;
    const saved = (await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(2) } })).json.id as string;
    const before = await checksum(env.stores);
    env.stores.sqlite!.pragma('query_only = ON');
    const call = (method: string, path: string, token: string, body?: unknown) => env.call(method, path, { token, body });
    const writes = [
      await call('POST', '/v1/me/questionnaires/phq9/responses', a.person.token, { answers: phq9(1) }),
      await call('PUT', '/v1/me/consent', a.person.token, { share: false }),
      await call('POST', '/v1/me/checkins', a.person.token, { ratings: { mood: 3, worry: 4 } }),
      await call('POST', '/v1/staff/codes', a.pro.token, { programId: 'kurs' }),
      await call('DELETE', '/v1/me', a.person.token),
    ];
    for (const res of writes) expect([res.status, res.json?.error?.code]).toEqual([503, 'storage_unavailable']);
    const login = await env.call('POST', '/v1/staff/sessions', { body: { org: a.slug, username: a.pro.username, password: a.pro.password } });
    expect(login.status).toBe(503);
    expect(login.headers.get('set-cookie')).toBeNull();
    expect((await call('GET', '/v1/me/export', a.person.token)).status).toBe(200);
    // Consent was not withdrawn, so the professional may still read: the store failed closed, not open.
    expect((await call('GET', `/v1/staff/codes/${a.person.ref}`, a.pro.token)).status).toBe(503); // reading audits: refused rather than unaudited
    env.stores.sqlite!.pragma('query_only = OFF');
    expect(await checksum(env.stores)).toBe(before);
    expect((await env.call('GET', '/v1/me/export', { token: a.person.token })).text).toContain(saved);
    expect(env.logs.join('\n')).toMatch(/"level":"error".*"msg":"storage SQLITE_READONLY"/);
  });
});
