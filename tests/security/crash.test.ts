/**
 * Nothing acknowledged is lost: the real server (a child process) takes a stream of
 * writes and is killed with SIGKILL at random moments, then restarted. Every write that
 * got a 2xx is there afterwards, through the API and in the file, and
 * `PRAGMA integrity_check` is ok. The throttle state, in memory by default, does not survive.
 * MESTRING_CRASH_ROUNDS sets the rounds (npm run test:soak takes many).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { request, seedDataDir, startServerProcess, phq9For, type DataDir } from './server-process.ts';
import { generateCode, formatCode } from '../../server/codes/access-code.ts';

const rounds = Number(process.env.MESTRING_CRASH_ROUNDS ?? 4);
let data: DataDir;
afterAll(() => rmSync(data.dir, { recursive: true, force: true }));

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

      // Four writers in parallel until the kill, which comes after 100-600 ms.
      let killed = false;
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
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 500));
      killed = true;
      await server.kill();
      await Promise.all(writers);
    }
    expect(acknowledged.length).toBeGreaterThan(rounds * 5);

    // A last start: the throttle did not survive, and everything is there.
    const server = await startServerProcess(data);
    for (let i = 0; i < 3; i++) await request(server.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) } });
    expect((await request(server.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) } })).json.error.code).toBe('challenge_required');
    await server.kill();
    const again = await startServerProcess(data);
    expect((await request(again.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) } })).status).toBe(401);
    await again.stop();

    const db = new Database(data.dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set((db.prepare('SELECT ref FROM responses').all() as { ref: string }[]).map((r) => r.ref));
    db.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  }, 120_000);
});
