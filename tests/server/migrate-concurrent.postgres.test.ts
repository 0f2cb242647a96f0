/**
 * Migrating on a PostgreSQL server where other schemas come and go (other applications,
 * or the other test files of this run): Kysely's migrator looks at every schema first,
 * and one dropped under it must not fail a start.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.ts';
import { testDatabase } from '../support/test-store.ts';

describe('migrating beside schemas that are being dropped', () => {
  it('migrates every new database while another client creates and drops schemas', { timeout: 120_000 }, async () => {
    const other = new pg.Client({ connectionString: process.env.MESTRING_TEST_PG_URL });
    await other.connect();
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const name = `churn_${process.pid}_${i}`;
        await other.query(`CREATE SCHEMA ${name}; CREATE TABLE ${name}.a (id serial PRIMARY KEY, b text); CREATE TABLE ${name}.c (id serial PRIMARY KEY)`);
        await other.query(`DROP SCHEMA ${name} CASCADE`);
      }
    })();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 25; i++) {
        const database = await testDatabase();
        try {
          const store = await openStore({ url: database.url, path: database.dbPath });
          await store.close();
        } catch (error) {
          failures.push((error as Error).message);
        } finally {
          await database.drop();
        }
      }
    } finally {
      churning = false;
      await churn;
      await other.end();
    }
    expect(failures).toEqual([]);
  });
});
