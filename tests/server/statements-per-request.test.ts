/**
 * How many SQL statements the person's most frequent reads run (docs/performance.md,
 * "Third round"): each statement is a cost on SQLite and a round trip on PostgreSQL, so
 * a change that adds one to these routes should be a choice, not an accident.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openStore, type Store } from '../../server/store/open-store.ts';
import { testApp, phq9, gad7, type TestEnv } from './helpers.ts';

let env: TestEnv;
let counted: Store;
let statements = 0;
let texts: string[] = [];
beforeEach(async () => {
  env = await testApp();
  // A second store on the same database that counts every statement it runs.
  counted = await openStore({ url: env.database.url, path: env.dbPath, onQuery: (_ms, sql) => {
    statements++;
    texts.push(sql);
  } });
});
afterEach(async () => {
  await counted.close();
  await env.close();
});

describe('statements per request', () => {
  it('GET /v1/me runs two (session with code and organisation; progress snapshot with consent and next appointment); /program two; a part without questionnaires three', async () => {
    const staff = (await env.org()).token;
    const p = await env.person(staff);
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(0) } });
    await env.call('POST', '/v1/me/checkins', { token: p.token, body: { ratings: { mood: 6, worry: 4 } } });
    // Parts that open now are stored by the first read; after that a read only reads.
    expect((await env.call('GET', '/v1/me', { token: p.token })).status).toBe(200);

    const app = createApp({ store: counted, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, log: () => {} });
    const count = async (path: string) => {
      statements = 0;
      const res = await app.request(path, { headers: { authorization: `Bearer ${p.token}` } });
      expect([path, res.status]).toEqual([path, 200]);
      return statements;
    };
    expect(await count('/v1/me')).toBe(2);
    expect(await count('/v1/me/program')).toBe(2);
    expect(await count('/v1/me/sections/start')).toBe(3);
  });

  it('POST /v1/me/checkins answers with the row it wrote, without reading it back', async () => {
    const staff = (await env.org()).token;
    const p = await env.person(staff);
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(0) } });
    const app = createApp({ store: counted, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, log: () => {} });
    statements = 0;
    const res = await app.request('/v1/me/checkins', { method: 'POST', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ratings: { mood: 6, worry: 4 } }) });
    const written = statements;
    expect(res.status).toBe(201);
    const saved = await res.json();
    // What it answered is what is stored: the same as the list reads from the database.
    const listed = await env.call('GET', '/v1/me/checkins', { token: p.token });
    expect(listed.json.checkins).toEqual([saved]);
    expect(saved).toMatchObject({ ratings: { mood: 6, worry: 4 } });
    // The session, then the insert: on SQLite in the group commit's BEGIN, SAVEPOINT,
    // RELEASE and COMMIT; on PostgreSQL on its own, a statement PostgreSQL commits by
    // itself (Executor.writeOne, no BEGIN and COMMIT round trips). Nothing read after.
    expect(written).toBe(env.database.url ? 2 : 6);
  });

  it('POST an answer where no endpoint is subscribed is the insert on its own, after the session and the endpoints\' read', async () => {
    const staff = (await env.org()).token;
    const p = await env.person(staff);
    const app = createApp({ store: counted, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, log: () => {} });
    statements = 0;
    texts = [];
    const res = await app.request('/v1/me/questionnaires/phq9/responses', { method: 'POST', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ answers: phq9(2) }) });
    expect(res.status).toBe(201);
    const written = statements;
    const saved = (await res.json()) as { createdAt: string };
    // Stored as answered: the scores read it back from the database.
    expect((await env.call('GET', '/v1/me/scores', { token: p.token })).json.instruments.phq9).toEqual([{ at: saved.createdAt, total: 16, band: 'moderately_severe', flags: [], subscales: {} }]);
    // On PostgreSQL no BEGIN and COMMIT round trips (was five: BEGIN, the insert, the
    // endpoints' read, COMMIT after the session); on SQLite the group commit's four
    // statements around the insert.
    expect(texts.filter((sql) => /^(begin|commit)/i.test(sql))).toHaveLength(env.database.url ? 0 : 2);
    expect(written).toBe(env.database.url ? 3 : 7);
  });

  it('a change to an entry in an open part looks up that part by key, not the whole progress', async () => {
    const staff = (await env.org()).token;
    const p = await env.person(staff);
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(0) } });
    expect((await env.call('GET', '/v1/me/program', { token: p.token })).status).toBe(200);
    const created = await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Sove bedre', importance: 5 } } });
    expect(created.status).toBe(201);
    const app = createApp({ store: counted, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, log: () => {} });
    statements = 0;
    texts = [];
    const res = await app.request(`/v1/me/exercises/maal/entries/${created.json.id}`, { method: 'PUT', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ values: { goal: 'Sove bedre', importance: 6 } }) });
    expect([res.status, ((await res.json()) as { values: unknown }).values]).toEqual([200, { goal: 'Sove bedre', importance: 6 }]);
    // The session, the part by key, the entry, then the update (on PostgreSQL on its own).
    expect(texts.some((sql) => /union all/i.test(sql))).toBe(false);
    expect(texts.filter((sql) => /from "section_states"/.test(sql))).toHaveLength(1);
    expect(texts.filter((sql) => /^(begin|commit)/i.test(sql))).toHaveLength(env.database.url ? 0 : 2);
    expect(statements).toBe(env.database.url ? 4 : 8);
  });

  it('GET /v1/me of a group member reads the group once: three', async () => {
    const staff = (await env.org()).token;
    const group = await env.call('POST', '/v1/staff/groups', { token: staff, body: { programId: 'kurs', name: 'Kurs', startDate: '2025-03-03', schedule: { everyDays: 7 }, meetings: ['2025-03-12T16:00:00+01:00'] } });
    expect(group.status).toBe(201);
    const sheet = await env.call('POST', `/v1/staff/groups/${group.json.ref}/codes`, { token: staff, body: { count: 1 } });
    const token = (await env.call('POST', '/v1/sessions', { body: { code: sheet.json.codes[0].code, remember: true } })).json.token as string;
    const first = await env.call('GET', '/v1/me', { token });
    expect([first.status, first.json.nextGroupMeeting]).toEqual([200, '2025-03-12T15:00:00.000Z']);

    const app = createApp({ store: counted, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, log: () => {} });
    statements = 0;
    const res = await app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect([res.status, ((await res.json()) as { nextGroupMeeting: string }).nextGroupMeeting, statements]).toEqual([200, '2025-03-12T15:00:00.000Z', 3]);
  });

  it('GET /v1/staff/codes reads each consenting code once, though it reads the list twice', async () => {
    const staff = (await env.org()).token;
    const orgId = (await env.stores.orgs.bySlug('bydel-a'))!.id;
    const at = env.clock.now().toISOString();
    // Two batches of the route's fifty, none consenting yet.
    const ids: number[] = [];
    for (let n = 0; n < 60; n++) {
      const { id } = await env.stores.kysely.insertInto('codes').values({ ref: `cod_count${String(n).padStart(2, '0')}`, code_hmac: `count-${n}`, hint: 'XXXX', org_id: orgId, program_id: 'kurs', created_at: at, first_login_at: at }).returning('id').executeTakeFirstOrThrow();
      ids.push(id);
    }
    const app = createApp({ store: counted, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, log: () => {} });
    const list = async () => {
      statements = 0;
      const res = await app.request('/v1/staff/codes', { headers: { authorization: `Bearer ${staff}` } });
      const { codes } = (await res.json()) as { codes: { progress?: unknown }[] };
      return { status: res.status, codes: codes.length, withProgress: codes.filter((c) => c.progress).length, statements };
    };
    const none = await list();
    for (const id of ids) await env.stores.kysely.insertInto('consents').values({ code_id: id, share: 1, at }).execute();
    const all = await list();
    expect([none.status, none.codes, none.withProgress]).toEqual([200, 60, 0]);
    expect([all.status, all.codes, all.withProgress]).toEqual([200, 60, 60]);
    // A consenting code's reading is five statements (its parts, answers, entries,
    // check-ins and handled flags), once per code, not once per pass.
    expect(all.statements - none.statements).toBe(60 * 5);
  });
});
