/**
 * Every look-up by code has an index, so a person's routes cost the same at a million
 * codes as at a thousand: the next appointment (read on every GET /v1/me), the sessions and
 * calendar links a revoke or erasure deletes, and a group's members.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('appointments_code_at').on('appointments').columns(['code_id', 'at']).execute();
  await db.schema.createIndex('person_sessions_code').on('person_sessions').column('code_id').execute();
  await db.schema.createIndex('calendar_feeds_code').on('calendar_feeds').column('code_id').execute();
  await db.schema.createIndex('codes_group').on('codes').column('group_id').execute();
}
