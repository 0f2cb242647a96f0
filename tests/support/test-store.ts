/**
 * A fresh store for a test, on the backend of the current run: a SQLite file in a temp
 * folder, or (in the PostgreSQL run) a new schema of its own in the run's cluster, so
 * tests never see each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../server/store/open-store.ts';

/** 'postgres' in the PostgreSQL run, else 'sqlite'. */
export const backend: 'sqlite' | 'postgres' = process.env.MESTRING_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** A database for one test: its URL (PostgreSQL) or file (SQLite), and a folder for other files. */
export interface TestDatabase {
  dir: string;
  dbPath: string;
  url: string | undefined;
  /** Removes the folder and the schema. */
  drop(): Promise<void>;
}

/** A new empty database on the current backend (not yet migrated). */
export async function testDatabase(prefix = 'mestring-test-', on: 'sqlite' | 'postgres' = backend): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, 'test.db');
  if (on === 'sqlite') return { dir, dbPath, url: undefined, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  const base = process.env.MESTRING_TEST_PG_URL;
  if (!base) throw new Error('MESTRING_TEST_PG_URL is not set: the PostgreSQL run starts its cluster in tests/support/postgres-setup.ts');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    dir, dbPath, url,
    async drop() {
      rmSync(dir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** A new migrated store on the current backend, and a way to drop it. */
export async function testStore(): Promise<{ store: Store; database: TestDatabase; close(): Promise<void> }> {
  const database = await testDatabase();
  const store = await openStore({ url: database.url, path: database.dbPath });
  return {
    store, database,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}
