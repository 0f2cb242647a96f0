/** The first schema (what db/migrations/001-initial.sql created before the store spoke two dialects). */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { id, text } = columns(dialect);
  await id(db.schema.createTable('orgs'))
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('safety_json', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createTable('licences')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('program_id', text, (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('licences_pk', ['org_id', 'program_id'])
    .addCheckConstraint('licences_used_within_total', sql`used <= total`)
    .execute();
  await id(db.schema.createTable('staff'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('username', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull().check(sql`role IN ('admin', 'professional')`))
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('staff_org_username', ['org_id', 'username'])
    .execute();
  await db.schema.createTable('staff_sessions')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .execute();
  await id(db.schema.createTable('api_keys'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('key_hash', text, (c) => c.notNull().unique())
    .addColumn('scopes', text, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .execute();
  await id(db.schema.createTable('codes'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('code_hmac', text, (c) => c.notNull().unique())
    .addColumn('hint', text, (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('program_id', text, (c) => c.notNull())
    .addColumn('created_by_staff', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_by_key', 'integer', (c) => c.references('api_keys.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .addColumn('erased_at', text)
    .execute();
  await db.schema.createIndex('codes_org').on('codes').column('org_id').execute();
  await db.schema.createTable('person_sessions')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .execute();
  // Consent as a history: the current consent is the latest row.
  await id(db.schema.createTable('consents'))
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('share', 'integer', (c) => c.notNull().check(sql`share IN (0, 1)`))
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consents_code').on('consents').columns(['code_id', 'id']).execute();
  // Parts never lock again once open: opening and completion are stored by section id.
  await db.schema.createTable('section_states')
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('section_id', text, (c) => c.notNull())
    .addColumn('opened_at', text, (c) => c.notNull())
    .addColumn('opened_by', text, (c) => c.notNull().check(sql`opened_by IN ('progress', 'staff')`))
    .addColumn('opened_by_staff', 'integer', (c) => c.references('staff.id'))
    .addColumn('opened_reason', text)
    .addColumn('completed_at', text)
    .addColumn('program_version', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('section_states_pk', ['code_id', 'section_id'])
    .execute();
  await id(db.schema.createTable('entries'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('exercise_id', text, (c) => c.notNull())
    .addColumn('section_id', text, (c) => c.notNull())
    .addColumn('values_json', text, (c) => c.notNull())
    .addColumn('program_version', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entries_code').on('entries').columns(['code_id', 'exercise_id']).execute();
  await id(db.schema.createTable('responses'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('instrument_id', text, (c) => c.notNull())
    .addColumn('answers_json', text, (c) => c.notNull())
    .addColumn('score_json', text, (c) => c.notNull())
    .addColumn('program_version', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('responses_code').on('responses').columns(['code_id', 'instrument_id']).execute();
  await id(db.schema.createTable('checkins'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('ratings_json', text, (c) => c.notNull())
    .addColumn('program_version', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkins_code').on('checkins').column('code_id').execute();
  // Date, time and kind only: no notes about the person.
  await id(db.schema.createTable('appointments'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull().check(sql`kind IN ('phone', 'video', 'in_person')`))
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  // Who read or changed which code's data, and when. Keeps the ref, not the data.
  await id(db.schema.createTable('audit_log'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('api_key_id', 'integer', (c) => c.references('api_keys.id'))
    .addColumn('code_ref', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
}
