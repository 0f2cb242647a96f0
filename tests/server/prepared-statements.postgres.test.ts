/**
 * On PostgreSQL the queries built once (server/store/prepared.ts) run as named
 * statements, parsed and planned once per connection (server/store/postgres.ts), and a
 * statement whose result changes type under it (a migration by another instance) does
 * not fail the request.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../server/store/open-store.ts';
import { testDatabase, type TestDatabase } from '../support/test-store.ts';

let database: TestDatabase;
let store: Store;

beforeEach(async () => {
  database = await testDatabase();
  store = await openStore({ url: database.url, path: database.dbPath });
});

afterEach(async () => {
  await store.close();
  await database.drop();
});

/** The statements prepared on the connection these queries run on (one at a time, so the pool's one idle connection). */
const prepared = async () =>
  (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(store.kysely)).rows;

describe('prepared statements on PostgreSQL', () => {
  it("runs a person's snapshot as a statement the connection prepared once", async () => {
    const now = new Date().toISOString();
    await store.progress.meRows(1, now);
    await store.progress.meRows(1, now);
    await store.progress.snapshotRows(1);
    const statements = await prepared();
    const unions = statements.filter((s) => /union all/i.test(s.statement));
    // GET /v1/me's statement and the snapshot's, each once, under the names prepared.ts gave them.
    expect(unions).toHaveLength(2);
    expect(unions.every((s) => /^mestring_\d+$/.test(s.name))).toBe(true);
  });

  it('still answers when a prepared statement’s columns change type under it', async () => {
    expect(await store.progress.checkin(1, 'none-yet')).toBeUndefined();
    expect((await prepared()).some((s) => /from "checkins"/.test(s.statement))).toBe(true);
    // What another instance's migration could do while this one runs.
    await sql`alter table checkins alter column program_version type varchar(200)`.execute(store.kysely);
    expect(await store.progress.checkin(1, 'none-yet')).toBeUndefined();
    expect(await store.progress.checkin(1, 'none-yet')).toBeUndefined();
  });
});
