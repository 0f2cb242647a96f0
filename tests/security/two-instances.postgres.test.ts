/**
 * Two server processes on one PostgreSQL database behave like one (issue 11): a session
 * made on one works on the other; wrong codes tried on one raise the cost of guessing on
 * the other (the throttle's counters are in the database); and a licence pool is never
 * overspent when both issue codes at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { request, seedDataDir, startServerProcess, staffLoginOverHttp, openSeeded, type DataDir, type ServerProcess } from './server-process.ts';
import { generateCode, formatCode } from '../../server/codes/access-code.ts';

let data: DataDir;
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) await server.kill();
  await data?.drop();
});

describe('two instances on one PostgreSQL database', () => {
  it('share sessions, guessing pressure and the licence pool', { timeout: 180_000 }, async () => {
    data = await seedDataDir({ codes: 1 });
    const [a, b] = [await startServerProcess(data), await startServerProcess(data)];
    servers.push(a, b);

    // A session made on one instance works on the other, and logging out on it ends it on both.
    const login = await request(a.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } });
    expect(login.status).toBe(201);
    expect((await request(b.port, 'GET', '/v1/me', { token: login.json.token })).status).toBe(200);
    expect((await request(b.port, 'DELETE', '/v1/sessions/current', { token: login.json.token })).status).toBe(204);
    expect((await request(a.port, 'GET', '/v1/me', { token: login.json.token })).status).toBe(401);

    // Wrong codes on A until it asks for work; then B asks for work at once, too.
    const wrong = (port: number) => request(port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) }, localAddress: '127.0.0.9' });
    let first = await wrong(a.port);
    for (let n = 0; n < 10 && first.json.error.code !== 'challenge_required'; n++) first = await wrong(a.port);
    expect(first.json.error.code).toBe('challenge_required');
    const onB = await wrong(b.port);
    expect([onB.status, onB.json.error.code]).toEqual([429, 'challenge_required']);
    // Another address is not asked for anything by that pressure.
    expect((await request(b.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) }, localAddress: '127.0.0.10' })).json.error.code).toBe('invalid_code');

    // Four licences left; ten codes asked for at once across both instances: exactly four.
    const store = await openSeeded(data);
    try {
      await sql`UPDATE licences SET total = used + 4`.execute(store.kysely);
    } finally {
      await store.close();
    }
    const staffA = await staffLoginOverHttp(a.port, data.totpSecret);
    // A TOTP code is accepted once per step: B uses the same session (sessions are shared).
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => request(i % 2 ? b.port : a.port, 'POST', '/v1/staff/codes', { token: staffA, body: { programId: 'kurs' } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 409, 409, 409, 409, 409, 409]);
    const programs = await request(b.port, 'GET', '/v1/staff/programs', { token: staffA });
    expect(programs.json.programs.find((p: { id: string }) => p.id === 'kurs').licences.remaining).toBe(0);
  });
});
