/**
 * Erasure: everything stored for a code goes, in one transaction. The code row stays as
 * a tombstone (ref, hint, program, dates) so the licence count and staff list stay
 * truthful, and so that the code can never log in again.
 */
import type { Executor } from './executor.ts';
import { codeErasedMessage } from './migrations/052-no-rows-for-erased-codes.ts';

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
        // Marked erased first: from here no row can be added for the code (migration 052),
        // and on PostgreSQL a write that got in before waits to be deleted below.
        await db.updateTable('codes').set({ erased_at: now }).where('id', '=', codeId).execute();
        for (const table of personTables) await db.deleteFrom(table).where('code_id', '=', codeId).execute();
        // A shop's retry must not bring an erased code back.
        await db.updateTable('api_key_issues').set({ code_sealed: null })
          .where('code_ref', '=', db.selectFrom('codes').select('ref').where('id', '=', codeId)).execute();
      }),
  };
}

/**
 * True when `error` is the database refusing a row for an erased code (migration 052): the
 * person's code was erased while the request was on its way, and the request is answered
 * as one whose session has ended.
 */
export function isCodeErased(error: unknown): boolean {
  return error instanceof Error && error.message.includes(codeErasedMessage);
}
