/**
 * Staff two-factor login (TOTP, RFC 6238). The shared secret is stored sealed under a key
 * derived from the secret key file, recovery codes as HMACs: the database alone can
 * neither produce a valid code nor reveal a recovery code.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';
import { columns } from './columns.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const { id, text } = columns(dialect);
  await db.schema.alterTable('staff').addColumn('totp_secret', text).execute();
  // Set by enrolment, moved to totp_secret when the first code confirms it.
  await db.schema.alterTable('staff').addColumn('totp_pending', text).execute();
  await db.schema.alterTable('staff').addColumn('totp_confirmed_at', text).execute();
  // The last time step accepted: a code is never accepted twice.
  await db.schema.alterTable('staff').addColumn('totp_last_step', 'integer').execute();
  // A session is limited until the second factor completes it.
  await db.schema.alterTable('staff_sessions').addColumn('second_factor_at', text).execute();
  await id(db.schema.createTable('staff_recovery_codes'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('code_hmac', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .addUniqueConstraint('staff_recovery_codes_unique', ['staff_id', 'code_hmac'])
    .execute();
}
