/**
 * Groups and courses: a professional's group for one program, with a start date, a
 * shared schedule (JSON: every N days, or a date per part) and meeting times (JSON list of
 * ISO date-times). A code may belong to one group. A group's name is the service's label
 * for the course, not anything about its members.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { id, text } = columns(dialect);
  await id(db.schema.createTable('groups'))
    .addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('program_id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('start_date', text, (c) => c.notNull())
    .addColumn('schedule_json', text, (c) => c.notNull())
    .addColumn('meetings_json', text, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_org').on('groups').column('org_id').execute();
  await db.schema.alterTable('codes').addColumn('group_id', 'integer', (c) => c.references('groups.id')).execute();
}
