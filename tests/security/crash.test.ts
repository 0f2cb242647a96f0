/**
 * Nothing acknowledged is lost: the real server (a child process) takes a stream of
 * writes and is killed with SIGKILL at random moments, then restarted. Every write that
 * got a 2xx is there afterwards, through the API and in the database (and on SQLite
 * `PRAGMA integrity_check` is ok). On SQLite the throttle state is in memory and does not
 * survive a restart; on PostgreSQL it is in the database and does.
 * The kill comes at a random moment after each round's first acknowledged writes, so the
 * test means the same on a fast or a loaded machine.
 * MESTRING_CRASH_ROUNDS sets the rounds (npm run test:soak takes many).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { request, seedDataDir, startServerProcess, phq9For, openSeeded, type DataDir } from './server-process.ts';
import { generateCode, formatCode } from '../../server/codes/access-code.ts';

const rounds = Number(process.env.MESTRING_CRASH_ROUNDS ?? 4);
let data: DataDir;
afterAll(async () => {
  rmSync(data.dir, { recursive: true, force: true });
  await data.drop();
});

describe('SIGKILL during writes', () => {
  it(`keeps every acknowledged write over ${rounds} kills`, async () => {
    data = await seedDataDir({ codes: 1 });
    const acknowledged: string[] = [];
    let token: string | undefined;
    for (let round = 0; round < rounds; round++) {
      const server = await startServerProcess(data);
      if (!token) {
        const login = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code, remember: true } });
        expect(login.status).toBe(201);
        token = login.json.token as string;
      }
      // What earlier rounds acknowledged is all there after the restart.
      const exported = await request(server.port, 'GET', '/v1/me/export', { token });
      expect(exported.status).toBe(200);
      const present = new Set(JSON.stringify(exported.json).match(/rsp_[\w-]+/g) ?? []);
      expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);

      // Four writers in parallel until the kill, 0-300 ms after this round's third acknowledged write.
      let killed = false;
      const before = acknowledged.length;
      const writer = async () => {
        for (let n = 0; !killed && n < 10_000; n++) {
          try {
            const res = await request(server.port, 'POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9For(n % 25) }, timeoutMs: 5000 });
            if (res.status === 201) acknowledged.push(res.json.id);
            else if (!killed) throw new Error(`unexpected ${res.status}`);
          } catch (error) {
            if (!killed) throw error;
          }
        }
      };
      const writers = [writer(), writer(), writer(), writer()];
      while (acknowledged.length < before + 3) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      killed = true;
      await server.kill();
      await Promise.all(writers);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(rounds * 3);

    // A last start: the throttle survives only where it lives in the database, and everything is there.
    const server = await startServerProcess(data);
    for (let i = 0; i < 3; i++) await request(server.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) } });
    expect((await request(server.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) } })).json.error.code).toBe('challenge_required');
    await server.kill();
    const again = await startServerProcess(data);
    const after = await request(again.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) } });
    if (data.url) expect(after.json.error.code).toBe('challenge_required');
    else expect(after.status).toBe(401);
    await again.stop();

    const store = await openSeeded(data);
    try {
      if (store.sqlite) expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = (await sql<{ ref: string }>`SELECT ref FROM responses`.execute(store.kysely)).rows;
      const stored = new Set(rows.map((r) => r.ref));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
