/**
 * Flags a professional has handled: which flag of which response, by whom, when. No note:
 * notes about a person belong in the professional's own record system. Rows go with the
 * code when the person erases it. Also an index for reading the audit log by time.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { text } = columns(dialect);
  await db.schema.createTable('flag_acks')
    .addColumn('code_id', 'integer', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    // `<response ref>:<flag>`: a flag is raised by one response.
    .addColumn('flag_id', text, (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('flag_acks_pk', ['code_id', 'flag_id'])
    .execute();
  await db.schema.createIndex('audit_log_org_at').on('audit_log').columns(['org_id', 'at']).execute();
}
