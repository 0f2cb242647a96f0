/**
 * Applies the numbered migrations (store/migrations) with Kysely's migrator, at start, on
 * either database. The history is one table, `schema_history`. A SQLite file from before
 * the store spoke two dialects kept its history in `schema_migrations` (number, name): it
 * is carried over once, so an existing service upgrades in place.
 */
import { Migrator, sql } from 'kysely';
import type { Db, Dialect } from './executor.ts';
import { migrations } from './migrations/index.ts';

export const historyTable = 'schema_history';

/** Carries over the history of a SQLite file made by the first server. */
async function adoptLegacyHistory(db: Db, dialect: Dialect, names: string[]): Promise<void> {
  if (dialect !== 'sqlite') return;
  const legacy = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`.execute(db);
  if (!legacy.rows.length) return;
  await db.transaction().execute(async (trx) => {
    const done = await sql<{ number: number; applied_at: string }>`SELECT number, applied_at FROM schema_migrations`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS ${sql.table(historyTable)} (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`.execute(trx);
    for (const row of done.rows) {
      const name = names.find((n) => Number(n.slice(0, 3)) === row.number);
      if (name) await sql`INSERT OR IGNORE INTO ${sql.table(historyTable)} (name, timestamp) VALUES (${name}, ${row.applied_at})`.execute(trx);
    }
    await sql`DROP TABLE schema_migrations`.execute(trx);
  });
}

/**
 * Whether `error` is PostgreSQL's "schema does not exist" (3F000), or "relation does not
 * exist" (42P01) about a table, of a schema other than `ours`: another schema dropped
 * while the migrator looked through them all.
 */
export function schemaVanished(error: unknown, ours: string | undefined): boolean {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message);
  return (code === '3F000' || code === '42P01') && !!ours && !text.includes(`"${ours}"`) && !text.includes(`"${ours}.`);
}

/**
 * Applies every migration not yet applied (or, with `only`, those it admits: for tests of
 * an older database); returns their names. Throws with the failing
 * migration's name when one fails (nothing of that migration stays applied).
 *
 * @example
 *   await migrate(kysely, 'sqlite') // ['001-initial', ...] on a new database
 */
export async function migrate(db: Db, dialect: Dialect, only?: (name: string) => boolean): Promise<string[]> {
  const all = Object.fromEntries(Object.entries(migrations(dialect)).filter(([name]) => !only || only(name)));
  await adoptLegacyHistory(db, dialect, Object.keys(all));
  // On PostgreSQL name the schema: the migrator looks for its tables among every schema it
  // can see, and must find those of the schema this database uses (its search_path).
  const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    migrationTableName: historyTable,
    migrationLockTableName: `${historyTable}_lock`,
    // Each area of the server numbers its migrations in its own range (service 010-019,
    // partners 020-029, languages 030-039, webhooks 050-059), so a release can bring a lower
    // number than one a database already ran. Every migration stands alone: run the missing ones.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Before it migrates, Kysely's migrator looks for its tables in every schema it can see;
  // another schema dropped at that moment (another application's, or another test's on a
  // shared server) fails that look-up with "schema ... does not exist" (3F000), or with
  // "relation ... does not exist" (42P01) for one of its tables. Nothing of ours ran yet:
  // look again.
  for (let retry = 0; retry < 5 && error && !results?.length && schemaVanished(error, schema); retry++) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? '(setup)'} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
