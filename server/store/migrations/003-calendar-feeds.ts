/**
 * A person's calendar feed: a secret link their own calendar app subscribes to, for
 * appointments and questionnaire reminders with no contact details. Stored hashed.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { text } = columns(dialect);
  await db.schema.createTable('calendar_feeds')
    .addColumn('code_id', 'integer', (c) => c.primaryKey().references('codes.id').onDelete('cascade'))
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
}
