/**
 * Expired sessions are deleted about once an hour (server/expired-sessions.ts): an index
 * on each sessions table's expiry finds them without reading every session.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('person_sessions_expires').on('person_sessions').column('expires_at').execute();
  await db.schema.createIndex('staff_sessions_expires').on('staff_sessions').column('expires_at').execute();
}
