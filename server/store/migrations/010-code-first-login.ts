/**
 * The day a code was first used: reports count a cohort by the code's first login. Set
 * once, by the first login. Codes used before this column existed get the earliest trace
 * they left (a consent answer, a response, a check-in or a session), which is the first
 * login or close after it.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { text } = columns(dialect);
  await db.schema.alterTable('codes').addColumn('first_login_at', text).execute();
  for (const [table, column] of [['person_sessions', 'created_at'], ['consents', 'at'], ['responses', 'created_at'], ['checkins', 'created_at']] as const) {
    await sql`UPDATE codes SET first_login_at = (SELECT min(${sql.ref(`${table}.${column}`)}) FROM ${sql.table(table)} WHERE ${sql.ref(`${table}.code_id`)} = codes.id)
      WHERE first_login_at IS NULL OR first_login_at > (SELECT min(${sql.ref(`${table}.${column}`)}) FROM ${sql.table(table)} WHERE ${sql.ref(`${table}.code_id`)} = codes.id)`.execute(db);
  }
}
