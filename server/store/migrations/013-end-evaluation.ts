/**
 * The end evaluation for everyone: a professional may stop a code's program (the person
 * keeps access and is asked for the evaluation), and an organisation chooses after how
 * many days without activity the evaluation is asked for (21 by default).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { text } = columns(dialect);
  await db.schema.alterTable('codes').addColumn('stopped_at', text).execute();
  await db.schema.alterTable('orgs').addColumn('inactivity_days', 'integer', (c) => c.notNull().defaultTo(21)).execute();
}
