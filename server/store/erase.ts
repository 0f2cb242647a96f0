/**
 * Erasure: everything stored for a code goes, in one transaction. The code row stays as
 * a tombstone (ref, hint, program, dates) so the licence count and staff list stay
 * truthful, and so that the code can never log in again.
 */
import type { Executor } from './executor.ts';

/**
 * Every table with rows that belong to one code (keyed by code_id). webhook_deliveries:
 * the events about the person's results (sent or not), which name their response refs.
 */
export const personTables = ['person_sessions', 'consents', 'section_states', 'entries', 'responses', 'checkins', 'appointments', 'calendar_feeds', 'flag_acks', 'webhook_deliveries'] as const;

/**
 * Erases every row that belongs to `codeId` and marks the code erased.
 *
 * @example
 *   await eraseStore(x).erase(codeId, clock.now().toISOString());
 */
export function eraseStore(x: Executor) {
  return {
    erase: (codeId: number, now: string) =>
      x.write(async (db) => {
        for (const table of personTables) await db.deleteFrom(table).where('code_id', '=', codeId).execute();
        await db.updateTable('codes').set({ erased_at: now }).where('id', '=', codeId).execute();
        // A shop's retry must not bring an erased code back.
        await db.updateTable('api_key_issues').set({ code_sealed: null })
          .where('code_ref', '=', db.selectFrom('codes').select('ref').where('id', '=', codeId)).execute();
      }),
  };
}
