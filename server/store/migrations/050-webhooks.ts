/**
 * Webhooks: the endpoints an organisation's admins register (the signing secret sealed
 * under a key derived from the secret key file) and the outbox of deliveries, one row per
 * event and endpoint, written in the transaction of the change that caused the event.
 * A row holds refs and ids only; its lease lets several server instances share the work
 * without sending one message twice at once. Codes get the time of their first login.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { id, text } = columns(dialect);
  await id(db.schema.createTable('webhook_endpoints'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('url', text, (c) => c.notNull())
    // Event types, space separated.
    .addColumn('events', text, (c) => c.notNull())
    .addColumn('secret_sealed', text, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_endpoints_org').on('webhook_endpoints').column('org_id').execute();
  await id(db.schema.createTable('webhook_deliveries'))
    // The Standard Webhooks message id (webhook-id): the same on every attempt.
    .addColumn('msg_id', text, (c) => c.notNull().unique())
    .addColumn('endpoint_id', 'integer', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('type', text, (c) => c.notNull())
    // Set for events about a person's results: sent only while that code consents.
    .addColumn('code_id', 'integer', (c) => c.references('codes.id'))
    // Keeps a computed event (questionnaire.due) from being written twice.
    .addColumn('dedup_key', text)
    .addColumn('payload', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull().check(sql`status IN ('pending', 'delivered', 'failed', 'dropped')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', text, (c) => c.notNull())
    .addColumn('lease_until', text)
    .addColumn('lease_owner', text)
    .addColumn('last_error', text)
    .addColumn('last_status', 'integer')
    .addColumn('last_attempt_at', text)
    .addColumn('delivered_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_dedup', ['endpoint_id', 'dedup_key'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();
  await db.schema.createIndex('webhook_deliveries_code').on('webhook_deliveries').column('code_id').execute();

  await db.schema.alterTable('codes').addColumn('activated_at', text).execute();
  // Codes that were already used before this migration are active: no code.activated for them later.
  await sql`UPDATE codes SET activated_at = created_at WHERE id IN (SELECT code_id FROM person_sessions UNION SELECT code_id FROM consents UNION SELECT code_id FROM section_states)`.execute(db);
}
