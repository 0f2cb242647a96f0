/**
 * What API keys issue: each key's licence allowance per program, and the log of every
 * code a key issued (with the request's Idempotency-Key and, for 24 hours, the sealed code
 * so that a retry gets the same code back).
 */
import type { Executor } from './executor.ts';

export interface AllowanceRow { program_id: string; total: number; used: number }
export interface IssueRow {
  id: number; program_id: string; code_ref: string | null; idempotency_key: string | null;
  body_hash: string | null; code_sealed: string | null; created_at: string;
}

const issueCols = ['id', 'program_id', 'code_ref', 'idempotency_key', 'body_hash', 'code_sealed', 'created_at'] as const;

/**
 * Allowances and the issue log of API keys.
 *
 * @example
 *   const issues = apiKeyIssueStore(x); await issues.allowances(keyId);
 */
export function apiKeyIssueStore(x: Executor) {
  return {
    allowances: (keyId: number): Promise<AllowanceRow[]> =>
      x.db.selectFrom('api_key_allowances').select(['program_id', 'total', 'used']).where('api_key_id', '=', keyId).orderBy('program_id').execute(),
    /** Sets a key's allowance for a program to `total` (never below what it already used); returns the row. */
    setAllowance: (keyId: number, programId: string, total: number) =>
      x.write(async (db) => {
        await db.insertInto('api_key_allowances').values({ api_key_id: keyId, program_id: programId, total })
          .onConflict((oc) => oc.columns(['api_key_id', 'program_id']).doUpdateSet({ total })).execute();
        return db.selectFrom('api_key_allowances').select(['program_id', 'total', 'used']).where('api_key_id', '=', keyId).where('program_id', '=', programId).executeTakeFirstOrThrow();
      }),
    /**
     * Takes one from the key's allowance for the program: 'none' when the key has no
     * allowance for it (it draws on the organisation's licences alone), false when spent.
     * One conditional statement, so safe under concurrency on both databases.
     */
    useAllowance: (keyId: number, programId: string) =>
      x.write(async (db): Promise<boolean | 'none'> => {
        const result = await db.updateTable('api_key_allowances').set((eb) => ({ used: eb('used', '+', 1) }))
          .where('api_key_id', '=', keyId).where('program_id', '=', programId).whereRef('used', '<', 'total').executeTakeFirst();
        if (result.numUpdatedRows === 1n) return true;
        const row = await db.selectFrom('api_key_allowances').select('total').where('api_key_id', '=', keyId).where('program_id', '=', programId).executeTakeFirst();
        return row ? false : 'none';
      }),
    /**
     * Claims an Idempotency-Key for a key: true when this request is the first, false when
     * another request holds it (on PostgreSQL this waits until that request's transaction
     * ends, so the row it then finds is committed). Keys older than `expiredBefore` are
     * released first.
     */
    claim: (keyId: number, idempotencyKey: string, bodyHash: string, programId: string, now: string, expiredBefore: string) =>
      x.write(async (db) => {
        await db.updateTable('api_key_issues').set({ idempotency_key: null, code_sealed: null })
          .where('api_key_id', '=', keyId).where('idempotency_key', '=', idempotencyKey).where('created_at', '<', expiredBefore).execute();
        const inserted = await db.insertInto('api_key_issues')
          .values({ api_key_id: keyId, program_id: programId, idempotency_key: idempotencyKey, body_hash: bodyHash, created_at: now })
          .onConflict((oc) => oc.columns(['api_key_id', 'idempotency_key']).doNothing()).executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
      }),
    byIdempotencyKey: (keyId: number, idempotencyKey: string): Promise<IssueRow | undefined> =>
      x.db.selectFrom('api_key_issues').select(issueCols).where('api_key_id', '=', keyId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst(),
    /** Records the issued code: on the claimed row when there is an Idempotency-Key, else as a new log row. */
    record: (keyId: number, row: { programId: string; codeRef: string; idempotencyKey?: string; codeSealed?: string; now: string }) =>
      x.write(async (db) => {
        if (row.idempotencyKey) {
          await db.updateTable('api_key_issues').set({ code_ref: row.codeRef, code_sealed: row.codeSealed ?? null })
            .where('api_key_id', '=', keyId).where('idempotency_key', '=', row.idempotencyKey).execute();
        } else {
          await db.insertInto('api_key_issues').values({ api_key_id: keyId, program_id: row.programId, code_ref: row.codeRef, created_at: row.now }).execute();
        }
      }),
    /** Wipes sealed codes older than `before`: after 24 hours no retry can get a code back. */
    wipeSealed: (before: string) =>
      x.write(async (db) => {
        await db.updateTable('api_key_issues').set({ code_sealed: null }).where('code_sealed', 'is not', null).where('created_at', '<', before).execute();
      }),
    /** The key's issue log, newest first. */
    log: (keyId: number, limit = 500): Promise<IssueRow[]> =>
      x.db.selectFrom('api_key_issues').select(issueCols).where('api_key_id', '=', keyId).where('code_ref', 'is not', null).orderBy('id', 'desc').limit(limit).execute(),
  };
}
export type ApiKeyIssueStore = ReturnType<typeof apiKeyIssueStore>;
