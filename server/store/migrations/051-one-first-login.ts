/**
 * One record of a code's first login: `first_login_at` (reports count cohorts by it) also
 * decides when `code.activated` is sent, and `activated_at`, which 050 added for that
 * alone, goes. A code that has only `activated_at` keeps that time as its first login.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE codes SET first_login_at = activated_at WHERE first_login_at IS NULL AND activated_at IS NOT NULL`.execute(db);
  await db.schema.alterTable('codes').dropColumn('activated_at').execute();
}
