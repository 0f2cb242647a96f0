/**
 * `mestring db copy` moves a service from its SQLite file into PostgreSQL: every row with
 * its id, verified by row counts, and afterwards the API answers the same, byte for byte,
 * from PostgreSQL as it did from SQLite. A target that is not empty is refused.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openStore } from '../../server/store/open-store.ts';
import { testApp, phq9, gad7, type TestEnv } from './helpers.ts';
import { testDatabase, type TestDatabase } from '../support/test-store.ts';

const root = new URL('../../', import.meta.url).pathname;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function copy(from: string, to: string) {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), 'db', 'copy', '--from', from, '--to', to, '--json'], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mestring db copy', () => {
  it('copies a SQLite service into PostgreSQL, and the API answers the same from there', { timeout: 120_000 }, async () => {
    // The source: a SQLite file with an organisation, staff, a person and their work.
    const env: TestEnv = await testApp({}, { backend: 'sqlite' });
    cleanups.push(() => env.close());
    const staff = await env.org();
    const p = await env.person(staff.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(2) } });
    await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Gå tur «hver» dag 🙂' } } });
    const before = {
      export: (await env.call('GET', '/v1/me/export', { token: p.token })).text,
      program: (await env.call('GET', '/v1/me/program', { token: p.token })).text,
      staff: (await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: staff.token })).text,
    };
    await env.stores.close();

    const target: TestDatabase = await testDatabase();
    cleanups.push(() => target.drop());
    const done = copy(env.dbPath, target.url!);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const tables = JSON.parse(done.stdout).tables as { table: string; rows: number }[];
    expect(tables.find((t) => t.table === 'entries')?.rows).toBe(1);

    const store = await openStore({ url: target.url });
    cleanups.push(() => store.close());
    const app = createApp({ store, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: 'tests/server/fixtures/programs' }, log: () => {} });
    const get = async (path: string, token: string) => (await app.request(path, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(await get('/v1/me/export', p.token)).toBe(before.export);
    expect(await get('/v1/me/program', p.token)).toBe(before.program);
    expect(await get(`/v1/staff/codes/${p.ref}`, staff.token)).toBe(before.staff);
    // New rows get new ids after the copied ones.
    const res = await app.request('/v1/me/checkins', { method: 'POST', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ratings: { mood: 5, worry: 5 } }) });
    expect(res.status).toBe(201);

    // A second copy into the same, now filled, database is refused.
    const again = copy(env.dbPath, target.url!);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });
});
