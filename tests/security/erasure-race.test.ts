/**
 * Erasure while the person's own writes are in flight (a phone retrying, a second tab):
 * a write that passed the session check before the erasure must not land after it.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, phq9, gad7, type TestEnv } from '../server/helpers.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => {
  await env.close();
});

describe('erasure with writes in flight', () => {
  it('leaves no check-in, entry or answer of the erased code, whatever the order', async () => {
    const staff = (await env.org()).token;
    const p = await env.person(staff);
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(0) } });
    const writes = (n: number) => Array.from({ length: n }, (_, i) => i % 2 === 0
      ? env.call('POST', '/v1/me/checkins', { token: p.token, body: { ratings: { mood: 6, worry: 4 } } })
      : env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: `Mål ${i}` } } }));
    const before = writes(20);
    const erased = env.call('DELETE', '/v1/me', { token: p.token });
    const after = writes(20);
    const results = await Promise.all([...before, erased, ...after]);
    expect((await erased).status).toBe(204);
    // Each write was either saved before the erasure (and erased with the rest) or refused
    // as an ended session (401), also one that read its part as no longer open after the
    // erasure. Some of those launched after it are refused.
    const statuses = results.filter((r) => r !== results[20]).map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 401)).toEqual([]);
    expect(statuses.slice(20).some((s) => s !== 201)).toBe(true);
    for (const table of ['entries', 'responses', 'checkins', 'section_states', 'consents', 'person_sessions']) {
      expect([table, await env.rows(sql`SELECT count(*) AS n FROM ${sql.table(table)}`)]).toEqual([table, [{ n: 0 }]]);
    }
  });

  it('answers a write that finds its part gone with the erasure as an ended session, not with what the erasure removed', async () => {
    const staff = (await env.org()).token;
    const p = await env.person(staff);
    // The erasure lands between this write's session check and its look-up of the part:
    // the look-up is made to run the erasure first (the database and the route are real).
    const isOpened = env.stores.progress.isOpened;
    let erased: number | undefined;
    env.stores.progress.isOpened = async (...args) => {
      env.stores.progress.isOpened = isOpened;
      erased = (await env.call('DELETE', '/v1/me', { token: p.token })).status;
      return isOpened(...args);
    };
    const write = await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Sove bedre' } } });
    expect(erased).toBe(204);
    expect([write.status, write.json.error.code]).toEqual([401, 'unauthorized']);
    expect(await env.rows(sql`SELECT count(*) AS n FROM entries`)).toEqual([{ n: 0 }]);
  });
});
