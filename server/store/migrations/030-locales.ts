/**
 * The person's language and the organisation's. A code keeps the language it was issued
 * in (the professional's choice, default the organisation's) until the person switches;
 * progress is keyed by ids, so the language only picks the edition that is shown.
 * Codes and organisations from before this migration were Norwegian bokmål.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { text } = columns(dialect);
  await db.schema.alterTable('orgs').addColumn('locale', text, (c) => c.notNull().defaultTo('nb')).execute();
  await db.schema.alterTable('codes').addColumn('locale', text, (c) => c.notNull().defaultTo('nb')).execute();
}
