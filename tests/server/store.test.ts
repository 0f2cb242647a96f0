/**
 * The store on the backend of the current run (SQLite, or PostgreSQL in the PostgreSQL
 * run): migrations, atomic licence use under concurrency, transactions, and the guard
 * against using the outer stores inside a transaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testStore, backend } from '../support/test-store.ts';
import { openStore } from '../../server/store/open-store.ts';
import { migrations } from '../../server/store/migrations/index.ts';
import { personTables } from '../../server/store/erase.ts';
import { sql } from 'kysely';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
async function fresh() {
  const t = await testStore();
  cleanups.push(() => t.close());
  return t;
}
const now = '2025-03-03T08:00:00.000Z';

describe(`the store (${backend})`, () => {
  it('applies every migration once and reopens without applying any again', async () => {
    const { store, database } = await fresh();
    expect(store.dialect).toBe(backend);
    const history = await store.kysely.selectFrom('schema_history' as never).select('name' as never).execute() as { name: string }[];
    expect(history.map((r) => r.name)).toEqual(Object.keys(migrations('sqlite')));
    expect(history.map((r) => r.name).slice(0, 3)).toEqual(['001-initial', '002-staff-two-factor', '003-calendar-feeds']);
    await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.close();
    const again = await openStore({ url: database.url, path: database.dbPath });
    cleanups.unshift(() => again.close());
    expect(await again.orgs.count()).toBe(1);
    const reopened = await again.kysely.selectFrom('schema_history' as never).select('name' as never).execute();
    expect(reopened).toHaveLength(history.length);
  });

  it('runs a lower-numbered migration that a newer release brings after a higher one already ran', async () => {
    const { testDatabase } = await import('../support/test-store.ts');
    const { migrate } = await import('../../server/store/migrate.ts');
    const database = await testDatabase();
    cleanups.push(() => database.drop());
    const names = Object.keys(migrations('sqlite'));
    const late = names.find((n) => n.startsWith('030-'))!;
    expect(names.some((n) => n > late)).toBe(true);
    const open = async () => (backend === 'postgres'
      ? (await import('../../server/store/postgres.ts')).openPostgres(database.url!)
      : (await import('../../server/store/sqlite.ts')).openSqlite(database.dbPath)).kysely;
    const older = await open();
    expect(await migrate(older, backend, (n) => n !== late)).not.toContain(late);
    await older.destroy();
    const newer = await open();
    expect(await migrate(newer, backend)).toEqual([late]);
    await newer.destroy();
  });

  it('keeps one first login per code: a code activated before 051 keeps that time, and activated_at is gone', async () => {
    const { testDatabase } = await import('../support/test-store.ts');
    const { migrate } = await import('../../server/store/migrate.ts');
    const database = await testDatabase();
    cleanups.push(() => database.drop());
    const open = async () => (backend === 'postgres'
      ? (await import('../../server/store/postgres.ts')).openPostgres(database.url!)
      : (await import('../../server/store/sqlite.ts')).openSqlite(database.dbPath)).kysely;
    const older = await open();
    await migrate(older, backend, (n) => n !== '051-one-first-login');
    await older.insertInto('orgs').values({ slug: 'bydel-a', name: 'Bydel A', created_at: now } as never).execute();
    const org = (await older.selectFrom('orgs').select('id').executeTakeFirstOrThrow()) as { id: number };
    const code = (ref: string, first: string | null, activated: string | null) => ({ ref, code_hmac: ref, hint: 'ABCD', org_id: org.id, program_id: 'kurs', created_at: now, first_login_at: first, activated_at: activated });
    await older.insertInto('codes').values([code('a', null, '2025-03-04T09:00:00.000Z'), code('b', '2025-03-05T09:00:00.000Z', '2025-03-05T09:00:00.000Z'), code('c', null, null)] as never).execute();
    await older.destroy();
    const newer = await open();
    expect(await migrate(newer, backend)).toEqual(['051-one-first-login']);
    expect(await newer.selectFrom('codes').select(['ref', 'first_login_at']).orderBy('ref').execute()).toEqual([
      { ref: 'a', first_login_at: '2025-03-04T09:00:00.000Z' },
      { ref: 'b', first_login_at: '2025-03-05T09:00:00.000Z' },
      { ref: 'c', first_login_at: null },
    ]);
    await expect(newer.selectFrom('codes').select('activated_at' as never).execute()).rejects.toThrow();
    await newer.destroy();
  });

  it('refuses a row for an erased code in every table erasure empties (migration 052)', async () => {
    const { store } = await fresh();
    const triggers = backend === 'postgres'
      ? (await sql<{ name: string }>`select trigger_name as name from information_schema.triggers where trigger_schema = current_schema()`.execute(store.kysely)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(store.kysely)).rows;
    expect(personTables.filter((table) => !triggers.some((t) => t.name === `${table}_code_not_erased`))).toEqual([]);
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.kysely.insertInto('codes').values({ ref: 'c_erased', code_hmac: 'h', hint: 'x', org_id: orgId, program_id: 'kurs', created_by_staff: null, created_by_key: null, created_at: now, revoked_at: null, erased_at: null, first_login_at: null, group_id: null }).execute();
    const { id } = await store.kysely.selectFrom('codes').select('id').where('ref', '=', 'c_erased').executeTakeFirstOrThrow();
    await store.erasure.erase(id, now);
    await expect(store.progress.addCheckin(id, 'ci_late', { mood: 5 }, '1', now)).rejects.toThrow(/the code is erased/);
    expect(await store.kysely.selectFrom('checkins').select('ref').execute()).toEqual([]);
  });

  it('gives exactly as many codes as there are licences when ten are asked for at once', async () => {
    const { store } = await fresh();
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.orgs.addLicences(orgId, 'kurs', 4);
    const attempts = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.transaction(async (tx) => {
      if (!(await tx.orgs.useLicence(orgId, 'kurs'))) throw new Error('quota');
      await tx.codes.create({ ref: `cod_${i}`, hmac: `h${i}`, hint: 'AB', orgId, programId: 'kurs', staffId: null, keyId: null, now });
      return i;
    })));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(4);
    expect(await store.orgs.licences(orgId)).toEqual([{ program_id: 'kurs', total: 4, used: 4 }]);
    expect(await store.codes.list(orgId, { limit: 10 })).toHaveLength(4);
  });

  it('undoes all of a transaction that fails and none of the others', async () => {
    const { store } = await fresh();
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.orgs.addLicences(orgId, 'kurs', 10);
    const results = await Promise.allSettled([1, 2, 3].map((i) => store.transaction(async (tx) => {
      await tx.orgs.useLicence(orgId, 'kurs');
      if (i === 2) throw new Error('no');
    })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.orgs.licences(orgId)).toEqual([{ program_id: 'kurs', total: 10, used: 2 }]);
  });

  it('refuses the outer stores inside a transaction', async () => {
    const { store } = await fresh();
    await expect(store.transaction(async () => store.orgs.count())).rejects.toThrow(/inside/);
  });

  it('runs a prepared read with each call\'s own arguments, outside and inside a transaction', async () => {
    const { store } = await fresh();
    const a = await store.orgs.create('bydel-a', 'Bydel A', now);
    const b = await store.orgs.create('bydel-b', 'Bydel B', now);
    expect((await store.orgs.byId(a))?.slug).toBe('bydel-a');
    expect((await store.orgs.byId(b))?.slug).toBe('bydel-b');
    expect(await store.orgs.byId(b + 100)).toBeUndefined();
    // Inside a transaction the same query sees the transaction's own, uncommitted row.
    const seen = await store.transaction(async (tx) => {
      const c = await tx.orgs.create('bydel-c', 'Bydel C', now);
      return (await tx.orgs.byId(c))?.slug;
    });
    expect(seen).toBe('bydel-c');
  });

  it('runs a prepared write with each call\'s own values and tells whether it changed a row', async () => {
    const { store } = await fresh();
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.codes.create({ ref: 'kod_a', hmac: 'hmac-a', hint: 'a', orgId, programId: 'kurs', staffId: null, keyId: null, now });
    const code = (await store.codes.byRef(orgId, 'kod_a'))!;
    await store.progress.addEntry(code.id, { ref: 'ent_1', exerciseId: 'maal', sectionId: 'start', values: { goal: 'én' }, version: '1', now });
    await store.progress.addEntry(code.id, { ref: 'ent_2', exerciseId: 'maal', sectionId: 'start', values: { goal: 'to' }, version: '1', now });
    const second = (await store.progress.entry(code.id, 'ent_2'))!;
    const updated = await store.progress.updateEntry(second, { goal: 'tre' }, '2', '2025-03-04T08:00:00.000Z');
    expect(await store.progress.updateEntry({ ...second, ref: 'ent_9' }, { goal: 'ingen' }, '2', now)).toBeUndefined();
    const entries = await store.progress.entries(code.id);
    // What the update answered is the row as stored.
    expect(updated).toEqual(entries[1]);
    expect(entries.map((e) => [e.ref, JSON.parse(e.values_json).goal, e.program_version, e.updated_at])).toEqual([
      ['ent_1', 'én', '1', now], ['ent_2', 'tre', '2', '2025-03-04T08:00:00.000Z'],
    ]);
    await store.progress.addCheckin(code.id, 'chk_1', { mood: 5 }, '1', now);
    expect((await store.progress.checkin(code.id, 'chk_1'))?.ratings_json).toBe('{"mood":5}');
    expect(await store.progress.checkin(code.id, 'chk_2')).toBeUndefined();
  });

  it('resolves a saved answer and check-in with the row exactly as stored, so a route need not read it back', async () => {
    const { store } = await fresh();
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.codes.create({ ref: 'kod_a', hmac: 'hmac-a', hint: 'a', orgId, programId: 'kurs', staffId: null, keyId: null, now });
    const code = (await store.codes.byRef(orgId, 'kod_a'))!;
    const answer = await store.progress.addResponse(code.id, { ref: 'rsp_1', instrumentId: 'phq9', answers: { q1: 2, q2: null, note: 'Å «ja» \u{1F600}' }, score: { total: 2, flags: [] }, version: '3', now });
    expect(answer).toEqual(await store.progress.response(code.id, 'rsp_1'));
    const checkin = await store.progress.addCheckin(code.id, 'chk_1', { mood: 7, worry: null }, '3', now);
    expect(checkin).toEqual(await store.progress.checkin(code.id, 'chk_1'));
  });

  it('reads a progress snapshot in one statement: parts, entries per exercise, the latest answer to each questionnaire and the latest check-in', async () => {
    const { store } = await fresh();
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    for (const ref of ['kod_a', 'kod_b']) await store.codes.create({ ref, hmac: `hmac-${ref}`, hint: 'a', orgId, programId: 'kurs', staffId: null, keyId: null, now });
    const [a, b] = [(await store.codes.byRef(orgId, 'kod_a'))!, (await store.codes.byRef(orgId, 'kod_b'))!];
    const later = '2025-03-04T08:00:00.000Z';
    await store.progress.open(a.id, 'start', now, '1', null);
    await store.progress.complete(a.id, 'start', later);
    await store.progress.open(a.id, 'del-2', later, '1', null);
    for (const [ref, exercise, at] of [['ent_1', 'maal', now], ['ent_2', 'maal', later], ['ent_3', 'dagbok', now]] as const) {
      await store.progress.addEntry(a.id, { ref, exerciseId: exercise, sectionId: 'start', values: { text: 'x' }, version: '1', now: at });
    }
    await store.progress.addResponse(a.id, { ref: 'rsp_1', instrumentId: 'phq9', answers: [0], score: {}, version: '1', now: later });
    await store.progress.addResponse(a.id, { ref: 'rsp_2', instrumentId: 'gad7', answers: [0], score: {}, version: '1', now });
    await store.progress.addResponse(a.id, { ref: 'rsp_3', instrumentId: 'phq9', answers: [1], score: {}, version: '1', now: '2025-03-05T08:00:00.000Z' });
    await store.progress.addCheckin(a.id, 'chk_1', { mood: 5 }, '1', later);
    await store.progress.addCheckin(a.id, 'chk_2', { mood: 6 }, '1', now);
    // Another person's rows never show, and their later rows do not hide this person's.
    await store.progress.addResponse(b.id, { ref: 'rsp_b', instrumentId: 'gad7', answers: [0], score: {}, version: '1', now });
    await store.progress.open(b.id, 'start', now, '1', null);
    await store.progress.addEntry(b.id, { ref: 'ent_b', exerciseId: 'maal', sectionId: 'start', values: {}, version: '1', now });
    await store.progress.addCheckin(b.id, 'chk_b', { mood: 1 }, '1', now);

    const rows = (await store.progress.snapshotRows(a.id)).map((r) => ({ kind: r.kind, key: r.key, at: r.at, done: r.done, n: Number(r.n) }));
    const byKey = (x: { key: string }, y: { key: string }) => (x.key < y.key ? -1 : 1);
    expect(rows.filter((r) => r.kind === 0).sort(byKey)).toEqual([
      { kind: 0, key: 'del-2', at: later, done: null, n: 0 },
      { kind: 0, key: 'start', at: now, done: later, n: 0 },
    ]);
    expect(rows.filter((r) => r.kind === 1).sort(byKey)).toEqual([
      { kind: 1, key: 'dagbok', at: now, done: null, n: 1 },
      { kind: 1, key: 'maal', at: later, done: null, n: 2 },
    ]);
    // The last saved answer to each questionnaire and the last saved check-in (whatever
    // their times say), answers in the order they were saved: a long history is not read.
    expect(rows.filter((r) => r.kind >= 2)).toEqual([
      { kind: 2, key: 'gad7', at: now, done: null, n: 0 },
      { kind: 2, key: 'phq9', at: '2025-03-05T08:00:00.000Z', done: null, n: 0 },
      { kind: 3, key: '', at: now, done: null, n: 0 },
    ]);
    expect(await store.progress.snapshotRows(b.id + 1000)).toEqual([]);
  });

  it('reads a person session with its code and organisation in one statement, and no expired one', async () => {
    const { store } = await fresh();
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.orgs.setInactivityDays(orgId, 21);
    await store.codes.create({ ref: 'kod_a', hmac: 'hmac-a', hint: 'a', orgId, programId: 'kurs', staffId: null, keyId: null, now });
    const code = (await store.codes.byRef(orgId, 'kod_a'))!;
    await store.codes.addSession('hash-a', code.id, now, '2025-03-03T20:00:00.000Z');
    expect(await store.codes.bySession('hash-a', now)).toEqual({ code, org: await store.orgs.byId(orgId) });
    expect(await store.codes.bySession('hash-a', '2025-03-03T20:00:00.000Z')).toBeUndefined();
    expect(await store.codes.bySession('hash-b', now)).toBeUndefined();
  });

  it('answers counts as numbers and keeps text byte for byte', async () => {
    const { store } = await fresh();
    const orgId = await store.orgs.create('bydel-a', 'Bydel «Å» \u{1F600}', now);
    expect(await store.orgs.count()).toBe(1);
    expect((await store.orgs.byId(orgId))?.name).toBe('Bydel «Å» \u{1F600}');
  });
});
