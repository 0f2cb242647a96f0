/**
 * Settings of this installation, by name. `key_fingerprint` names the secret key the
 * database was created with (an HMAC of a fixed label under it, never the key): starting
 * with another key file is refused, because no code would work under it.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { text } = columns(dialect);
  await db.schema.createTable('instance_settings')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('value', text, (c) => c.notNull())
    .execute();
}
