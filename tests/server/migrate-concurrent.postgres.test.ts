/**
 * Migrating on a PostgreSQL server where other schemas come and go (other applications,
 * or the other test files of this run): Kysely's migrator looks at every schema first,
 * and one dropped under it must not fail a start.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.ts';
import { schemaVanished } from '../../server/store/migrate.ts';
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

  it('looks again when the schema or a table that vanished was another\'s, and never when it was its own', () => {
    // Both errors were seen in full test runs, with another file's schema dropped while
    // the migrator looked through every schema's tables.
    expect(schemaVanished({ code: '3F000', message: 'schema "t_other" does not exist' }, 't_ours')).toBe(true);
    expect(schemaVanished({ code: '42P01', message: 'relation "t_other.api_keys" does not exist' }, 't_ours')).toBe(true);
    expect(schemaVanished({ code: '3F000', message: 'schema "t_ours" does not exist' }, 't_ours')).toBe(false);
    expect(schemaVanished({ code: '42P01', message: 'relation "t_ours.api_keys" does not exist' }, 't_ours')).toBe(false);
    expect(schemaVanished({ code: '42703', message: 'column "x" does not exist' }, 't_ours')).toBe(false);
  });
});
