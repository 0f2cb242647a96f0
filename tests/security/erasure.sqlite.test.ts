/**
 * Erasure means it, on the real server (a child process): after DELETE /v1/me answers,
 * no byte of what the person wrote is left in any file of the data folder (the database,
 * its -wal and -shm, anything else), also when the server is killed with SIGKILL right
 * after the answer and when it starts again. Another person's text, written the same
 * way, is still found: the search would see it if it were there.
 */
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { request, seedDataDir, startServerProcess, phq9For, type DataDir } from './server-process.ts';

let data: DataDir;
afterAll(() => rmSync(data.dir, { recursive: true, force: true }));

const gad7 = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 1]));

/** Every file of the data folder holding `text` (UTF-8, or UTF-16 as some tools store it). */
function filesHolding(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).isFile() && needles.some((n) => readFileSync(f).includes(n)));
}

/** Logs in with `code` and writes `marker` into goal entries, edits and a check-in's neighbours. */
async function writeMarked(port: number, code: string, marker: string): Promise<string> {
  const login = await request(port, 'POST', '/v1/sessions', { body: { code, remember: true } });
  expect(login.status).toBe(201);
  const token = login.json.token as string;
  expect((await request(port, 'POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9For(4) } })).status).toBe(201);
  expect((await request(port, 'POST', '/v1/me/questionnaires/gad7/responses', { token, body: { answers: gad7 } })).status).toBe(201);
  const entry = await request(port, 'POST', '/v1/me/exercises/maal/entries', { token, body: { values: { goal: `${marker} første utkast ${'å'.repeat(3000)}` } } });
  expect(entry.status).toBe(201);
  for (let i = 0; i < 5; i++) {
    expect((await request(port, 'PUT', `/v1/me/exercises/maal/entries/${entry.json.id}`, { token, body: { values: { goal: `${marker} versjon ${i}` } } })).status).toBe(200);
  }
  expect((await request(port, 'POST', '/v1/me/checkins', { token, body: { ratings: { mood: 4, worry: 6 } } })).status).toBe(201);
  return token;
}

describe('DELETE /v1/me', () => {
  it('leaves no byte of what was written in any file of the data folder, also after SIGKILL and a restart', async () => {
    data = await seedDataDir({ codes: 2 });
    const erased = 'SLETTMEG-9c1e-Ærlig-tekst';
    const kept = 'BEHOLDMEG-4b2d-annen-person';
    let server = await startServerProcess(data);
    onTestFinished(() => server.kill());
    const token = await writeMarked(server.port, data.codes[0]!.code, erased);
    await writeMarked(server.port, data.codes[1]!.code, kept);
    expect(filesHolding(data.dir, erased).length).toBeGreaterThan(0);

    expect((await request(server.port, 'DELETE', '/v1/me', { token })).status).toBe(204);
    await server.kill();
    expect(filesHolding(data.dir, erased)).toEqual([]);
    expect(filesHolding(data.dir, kept).length).toBeGreaterThan(0);

    server = await startServerProcess(data);
    expect((await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } })).json.error.code).toBe('invalid_code');
    await server.stop();
    expect(filesHolding(data.dir, erased)).toEqual([]);
    expect(filesHolding(data.dir, kept).length).toBeGreaterThan(0);
  }, 180_000);
});
