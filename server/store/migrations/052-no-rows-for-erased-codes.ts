/**
 * No row of a person's can be written for an erased code. A person's write checks the
 * session when the request arrives and writes a moment later; an erasure committed in
 * between (the person's other tab, or a professional) would otherwise leave that write's
 * row behind, after "everything" was erased. Each table that erasure empties refuses an
 * insert for an erased code, in the database, so no route can forget it.
 *
 * On PostgreSQL the check takes a share lock on the code's row. The erasure marks the
 * code erased before it deletes (store/erase.ts), so one of the two waits for the other:
 * a write that locked first is committed before the erasure's deletes read the table,
 * and a write that comes second sees the code erased once the erasure commits.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../executor.ts';

/** The message both databases raise; store/erase.ts recognises it. */
export const codeErasedMessage = 'mestring: the code is erased';

// The tables of store/erase.ts's personTables when this migration was written; a table
// added later needs a migration of its own (tests/server/store.test.ts checks).
const tables = ['person_sessions', 'consents', 'section_states', 'entries', 'responses', 'checkins', 'appointments', 'calendar_feeds', 'flag_acks', 'webhook_deliveries'];

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql.raw(`CREATE FUNCTION code_not_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.code_id IS NOT NULL THEN
    PERFORM 1 FROM codes WHERE id = NEW.code_id AND erased_at IS NULL FOR SHARE;
    IF NOT FOUND THEN
      RAISE EXCEPTION '${codeErasedMessage}';
    END IF;
  END IF;
  RETURN NEW;
END
$$`).execute(db);
    for (const table of tables) {
      await sql.raw(`CREATE TRIGGER ${table}_code_not_erased BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION code_not_erased()`).execute(db);
    }
    return;
  }
  for (const table of tables) {
    await sql.raw(`CREATE TRIGGER ${table}_code_not_erased BEFORE INSERT ON ${table}
WHEN EXISTS (SELECT 1 FROM codes WHERE id = NEW.code_id AND erased_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, '${codeErasedMessage}'); END`).execute(db);
  }
}
