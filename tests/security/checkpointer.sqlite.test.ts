/**
 * The SQLite checkpointer's thread (server/store/checkpointer.ts): it copies the
 * write-ahead log into the database soon after commits, so that no person's commit has
 * to; and an erasure still empties the log before it is answered while the thread is
 * copying it, under a steady stream of other people's writes.
 *
 * What the log holds and how much of it is copied is read from the -shm file, whose
 * layout SQLite documents (walformat.html): the header's mxFrame (the last valid frame)
 * at byte 16, the checkpoint's nBackfill (the frames copied) at byte 96.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gad7, phq9, testApp, type TestEnv } from '../server/helpers.ts';

function logState(dbPath: string): { frames: number; copied: number } {
  const shm = readFileSync(`${dbPath}-shm`);
  return { frames: shm.readUInt32LE(16), copied: shm.readUInt32LE(96) };
}

/** A person whose first part (the goal exercise) is open: the two questionnaires answered. */
async function started(env: TestEnv, staffToken: string) {
  const p = await env.person(staffToken);
  expect((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0) } })).status).toBe(201);
  expect((await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(0) } })).status).toBe(201);
  return p;
}

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

describe('the checkpointer thread', () => {
  it('copies the log into the database after a few commits, well before SQLite would in a commit, and closes with the store', async () => {
    const env = await testApp();
    onTestFinished(() => env.database.drop());
    const staff = await env.org();
    const p = await env.person(staff.token);
    for (let i = 0; i < 10; i++) {
      expect((await env.call('POST', '/v1/me/checkins', { token: p.token, body: { ratings: { mood: 3, worry: 5 } } })).status).toBe(201);
    }
    // Far below the 1000 pages at which the main connection checkpoints on its own.
    expect(logState(env.dbPath).frames).toBeLessThan(1000);
    expect(await until(() => {
      const { frames, copied } = logState(env.dbPath);
      return copied === frames || frames === 0;
    })).toBe(true);
    // Closing the store closes the thread's connection too: the last one out removes the log.
    await env.stores.close();
    expect(existsSync(`${env.dbPath}-wal`)).toBe(false);
  });

  it('does not keep an erasure from emptying the log, under other people\'s writes', async () => {
    const env = await testApp();
    onTestFinished(() => env.close());
    const staff = await env.org('bydel-a', 'professional', 40);
    const writer = await started(env, staff.token);
    const entry = await env.call('POST', '/v1/me/exercises/maal/entries', { token: writer.token, body: { values: { goal: 'start' } } });
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i++) {
        const answers = await Promise.all(Array.from({ length: 4 }, (_, j) => env.call('PUT', `/v1/me/exercises/maal/entries/${entry.json.id}`, { token: writer.token, body: { values: { goal: `utkast ${i}-${j} ${'x'.repeat(400)}` } } })));
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      }
    })();
    try {
      for (let round = 0; round < 25; round++) {
        const marker = `SLETT-${round}-${'ø'.repeat(600)}`;
        const p = await started(env, staff.token);
        expect((await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: marker } } })).status).toBe(201);
        // Long enough for the thread to be copying when the erasure comes.
        await new Promise((r) => setTimeout(r, round % 5));
        expect((await env.call('DELETE', '/v1/me', { token: p.token })).status).toBe(204);
        for (const file of [env.dbPath, `${env.dbPath}-wal`]) {
          if (existsSync(file)) expect([round, file, readFileSync(file).includes(Buffer.from(marker))]).toEqual([round, file, false]);
        }
      }
    } finally {
      writing = false;
      await writes;
    }
  }, 60_000);
});
