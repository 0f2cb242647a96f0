/**
 * The guessing throttle's shared state, for several instances on one PostgreSQL database
 * (on SQLite it stays in the one server's memory): failure counts per counter and fixed
 * window, and spent proof-of-work challenges. Counter names are HMACs (of an address
 * bucket under an hourly key, or of an account): never an address, username or code.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { text } = columns(dialect);
  await db.schema.createTable('throttle_counters')
    .addColumn('counter', text, (c) => c.notNull())
    .addColumn('window_ms', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('throttle_counters_pk', ['counter', 'window_ms', 'window_start'])
    .execute();
  await db.schema.createTable('spent_challenges')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}
