/**
 * Codes issued by API keys (shops and partner platforms): each key's own licence
 * allowance per program (a sub-pool of the organisation's licences), and a log of every
 * code a key issued, which also holds the Idempotency-Key of the request. The code itself
 * is kept sealed only while a retry may ask for it again (24 hours), then wiped.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { id, text } = columns(dialect);
  await db.schema.createTable('api_key_allowances')
    .addColumn('api_key_id', 'integer', (c) => c.notNull().references('api_keys.id'))
    .addColumn('program_id', text, (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('api_key_allowances_pk', ['api_key_id', 'program_id'])
    .execute();
  await id(db.schema.createTable('api_key_issues'))
    .addColumn('api_key_id', 'integer', (c) => c.notNull().references('api_keys.id'))
    .addColumn('program_id', text, (c) => c.notNull())
    .addColumn('code_ref', text)
    .addColumn('idempotency_key', text)
    .addColumn('body_hash', text)
    .addColumn('code_sealed', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_key_issues_idempotency').on('api_key_issues').columns(['api_key_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('api_key_issues_key').on('api_key_issues').columns(['api_key_id', 'id']).execute();
}
