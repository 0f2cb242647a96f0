/**
 * Disk trouble fails closed: with the database full (SQLite's max_page_count) or the
 * connection read-only, every write answers 503 storage_unavailable with Retry-After,
 * logins do not half-succeed, nothing acknowledged before is lost, and writes work again
 * once the trouble is gone. (Tests run as root, so file modes would not stop them: the
 * trouble is made at the SQLite level.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../server/app.ts';
import { deriveSecrets } from '../../server/config.ts';
import { world, checksum, type World } from './world.ts';
import { phq9 } from '../server/helpers.ts';

let w: World;
afterEach(() => w.env.close());


describe('a full database', () => {
  it('answers 503 storage_unavailable for writes, keeps what was saved, and recovers', async () => {
    w = await world();
    const { env, a } = w;
    const saved: string[] = [];
    for (let i = 0; i < 5; i++) saved.push((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(1) } })).json.id);
    const pages = env.db.pragma('page_count', { simple: true }) as number;
    env.db.pragma(`max_page_count = ${pages}`);
    let full = 0;
    for (let i = 0; i < 200 && full < 5; i++) {
      const answer = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(1) } });
      if (answer.status === 201) continue;
      full++;
      for (const r of [answer]) expect([r.status, r.json.error.code, r.headers.get('retry-after')]).toEqual([503, 'storage_unavailable', '30']);
    }
    expect(full).toBeGreaterThan(0);
    const before = checksum(env.db);
    const login = await env.call('POST', '/v1/sessions', { body: { code: a.person.code } });
    if (login.status !== 201) expect([login.status, login.json.error.code]).toEqual([503, 'storage_unavailable']);
    const code = await env.call('POST', '/v1/staff/codes', { token: a.pro.token, body: { programId: 'kurs' } });
    if (code.status !== 201) {
      expect(code.json.error.code).toBe('storage_unavailable');
      expect(checksum(env.db)).toBe(before); // no licence taken without a code
    }
    expect(env.logs.join('\n')).toMatch(/error storage SQLITE_FULL/);
    env.db.pragma('max_page_count = 1073741823');
    const exported = await env.call('GET', '/v1/me/export', { token: a.person.token });
    for (const id of saved) expect(exported.text).toContain(id);
    expect((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(1) } })).status).toBe(201);
    expect(env.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a read-only database', () => {
  it('answers 503 for writes and logins, serves reads, and loses nothing', async () => {
    w = await world();
    const { env, a } = w;
    const saved = (await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: a.person.token, body: { answers: phq9(2) } })).json.id as string;
    const readonly = new Database(env.dbPath, { readonly: true, fileMustExist: true });
    const logs: string[] = [];
    const app = createApp({ db: readonly, programs: [env.program], clock: env.clock, secrets: deriveSecrets(randomBytes(32)), config: { programsDir: 'tests/server/fixtures/programs' }, log: (l) => logs.push(l) });
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
    };
    const before = checksum(env.db);
    const writes = [
      await call('POST', '/v1/me/questionnaires/phq9/responses', a.person.token, { answers: phq9(1) }),
      await call('PUT', '/v1/me/consent', a.person.token, { share: false }),
      await call('POST', '/v1/me/checkins', a.person.token, { ratings: { mood: 3, worry: 4 } }),
      await call('POST', '/v1/staff/codes', a.pro.token, { programId: 'kurs' }),
      await call('DELETE', '/v1/me', a.person.token),
    ];
    for (const res of writes) expect([res.status, res.json?.error?.code]).toEqual([503, 'storage_unavailable']);
    const login = await app.request('/v1/staff/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ org: a.slug, username: a.pro.username, password: a.pro.password }) });
    expect(login.status).toBe(503);
    expect(login.headers.get('set-cookie')).toBeNull();
    expect((await call('GET', '/v1/me/export', a.person.token)).status).toBe(200);
    // Consent was not withdrawn, so the professional may still read: the store failed closed, not open.
    expect((await call('GET', `/v1/staff/codes/${a.person.ref}`, a.pro.token)).status).toBe(503); // reading audits: refused rather than unaudited
    readonly.close();
    expect(checksum(env.db)).toBe(before);
    expect((await env.call('GET', '/v1/me/export', { token: a.person.token })).text).toContain(saved);
    expect(logs.join('\n')).toMatch(/error storage SQLITE_READONLY/);
  });
});
