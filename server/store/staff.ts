/** Staff accounts, their sessions, second factors and the organisation's API keys. */
import type { Executor } from './executor.ts';
import { deleteExpiredSessions } from './expired-sessions.ts';
import type { StaffRow } from './schema.ts';

export type { StaffRow };
export type Role = 'admin' | 'professional';
/** A staff session's second-factor state. */
export interface SessionFactor { second_factor_at: string | null; totp_confirmed_at: string | null }
export interface ApiKeyRow { id: number; ref: string; org_id: number; name: string; scopes: string; created_at: string; revoked_at: string | null }

const keyCols = ['id', 'ref', 'org_id', 'name', 'scopes', 'created_at', 'revoked_at'] as const;
const staffCols = [
  'staff.id', 'staff.org_id', 'staff.username', 'staff.role', 'staff.password_hash', 'staff.must_change_password', 'staff.created_at',
  'staff.totp_secret', 'staff.totp_pending', 'staff.totp_confirmed_at', 'staff.totp_last_step',
] as const;

/**
 * Staff, staff sessions, second factors and API keys.
 *
 * @example
 *   const staff = staffStore(x); await staff.byUsername(orgId, 'kari');
 */
export function staffStore(x: Executor) {
  return {
    async create(orgId: number, username: string, role: Role, passwordHash: string, now: string): Promise<number> {
      const row = await x.write((db) => db.insertInto('staff').values({ org_id: orgId, username, role, password_hash: passwordHash, must_change_password: 1, created_at: now, totp_secret: null, totp_pending: null, totp_confirmed_at: null, totp_last_step: null })
        .returning('id').executeTakeFirstOrThrow());
      return row.id;
    },
    byUsername: (orgId: number, username: string): Promise<StaffRow | undefined> =>
      x.db.selectFrom('staff').select(staffCols).where('org_id', '=', orgId).where('username', '=', username).executeTakeFirst(),
    byId: (id: number): Promise<StaffRow | undefined> => x.db.selectFrom('staff').select(staffCols).where('id', '=', id).executeTakeFirst(),
    list: (orgId: number): Promise<StaffRow[]> => x.db.selectFrom('staff').select(staffCols).where('org_id', '=', orgId).orderBy('username').execute(),
    setPassword: (id: number, hash: string, mustChange: boolean) =>
      x.write(async (db) => {
        await db.updateTable('staff').set({ password_hash: hash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', id).execute();
      }),
    addSession: (hash: string, staffId: number, now: string, expires: string) =>
      x.write(async (db) => {
        await db.insertInto('staff_sessions').values({ token_hash: hash, staff_id: staffId, created_at: now, expires_at: expires, second_factor_at: null }).execute();
      }),
    bySession: (hash: string, now: string): Promise<StaffRow | undefined> =>
      x.db.selectFrom('staff_sessions').innerJoin('staff', 'staff.id', 'staff_sessions.staff_id').select(staffCols)
        .where('token_hash', '=', hash).where('expires_at', '>', now).executeTakeFirst(),
    endSession: (hash: string) =>
      x.write(async (db) => {
        await db.deleteFrom('staff_sessions').where('token_hash', '=', hash).execute();
      }),
    /** Deletes up to `limit` sessions expired by `now`; returns how many it deleted. */
    deleteExpiredSessions: (now: string, limit: number) => deleteExpiredSessions(x, 'staff_sessions', now, limit),
    endOtherSessions: (staffId: number, keep: string) =>
      x.write(async (db) => {
        await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).where('token_hash', '!=', keep).execute();
      }),
    addKey: (ref: string, orgId: number, name: string, hash: string, scopes: string[], by: number, now: string) =>
      x.write(async (db) => {
        await db.insertInto('api_keys').values({ ref, org_id: orgId, name, key_hash: hash, scopes: scopes.join(' '), created_by: by, created_at: now, revoked_at: null }).execute();
      }),
    keyByHash: (hash: string): Promise<ApiKeyRow | undefined> =>
      x.db.selectFrom('api_keys').select(keyCols).where('key_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst(),
    keys: (orgId: number): Promise<ApiKeyRow[]> =>
      x.db.selectFrom('api_keys').select(keyCols).where('org_id', '=', orgId).where('revoked_at', 'is', null).orderBy('id').execute(),
    /** The organisation an API key ref belongs to, whichever it is (to notice probes across organisations). */
    async keyOrgOfRef(ref: string): Promise<number | undefined> {
      return (await x.db.selectFrom('api_keys').select('org_id').where('ref', '=', ref).executeTakeFirst())?.org_id;
    },
    revokeKey: (orgId: number, ref: string, now: string) =>
      x.write(async (db) => {
        const result = await db.updateTable('api_keys').set({ revoked_at: now }).where('org_id', '=', orgId).where('ref', '=', ref).where('revoked_at', 'is', null).executeTakeFirst();
        return result.numUpdatedRows === 1n;
      }),
    /** The second-factor state of a session (undefined when there is no such session). */
    sessionFactor: (hash: string): Promise<SessionFactor | undefined> =>
      x.db.selectFrom('staff_sessions').innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
        .select(['staff_sessions.second_factor_at', 'staff.totp_confirmed_at']).where('token_hash', '=', hash).executeTakeFirst(),
    /** Marks a session as completed by the second factor. */
    completeSession: (hash: string, now: string) =>
      x.write(async (db) => {
        await db.updateTable('staff_sessions').set({ second_factor_at: now }).where('token_hash', '=', hash).execute();
      }),
    /** Stores a sealed secret awaiting confirmation; false when already enrolled. */
    setPendingTotp: (id: number, sealed: string) =>
      x.write(async (db) => {
        const result = await db.updateTable('staff').set({ totp_pending: sealed }).where('id', '=', id).where('totp_confirmed_at', 'is', null).executeTakeFirst();
        return result.numUpdatedRows === 1n;
      }),
    /** Confirms enrolment and replaces the recovery codes, in one transaction. */
    confirmTotp: (id: number, step: number, recoveryHmacs: string[], now: string) =>
      x.write(async (db) => {
        const confirmed = await db.updateTable('staff')
          .set((eb) => ({ totp_secret: eb.ref('totp_pending'), totp_pending: null, totp_confirmed_at: now, totp_last_step: step }))
          .where('id', '=', id).where('totp_pending', 'is not', null).executeTakeFirst();
        if (confirmed.numUpdatedRows !== 1n) return false;
        await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', id).execute();
        if (recoveryHmacs.length) {
          await db.insertInto('staff_recovery_codes').values(recoveryHmacs.map((hmac) => ({ staff_id: id, code_hmac: hmac, created_at: now, used_at: null }))).execute();
        }
        return true;
      }),
    /** Records `step` as used; false when it (or a later one) was used already. */
    useTotpStep: (id: number, step: number) =>
      x.write(async (db) => {
        const result = await db.updateTable('staff').set({ totp_last_step: step }).where('id', '=', id)
          .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)])).executeTakeFirst();
        return result.numUpdatedRows === 1n;
      }),
    /** Spends a recovery code; false when unknown or used. */
    useRecoveryCode: (id: number, hmac: string, now: string) =>
      x.write(async (db) => {
        const result = await db.updateTable('staff_recovery_codes').set({ used_at: now })
          .where('staff_id', '=', id).where('code_hmac', '=', hmac).where('used_at', 'is', null).executeTakeFirst();
        return result.numUpdatedRows === 1n;
      }),
    async recoveryCodesLeft(id: number): Promise<number> {
      const row = await x.db.selectFrom('staff_recovery_codes').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('staff_id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    /** Removes the second factor and recovery codes and ends every session of the account. */
    resetTotp: (id: number) =>
      x.write(async (db) => {
        await db.updateTable('staff').set({ totp_secret: null, totp_pending: null, totp_confirmed_at: null, totp_last_step: null }).where('id', '=', id).execute();
        await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', id).execute();
        await db.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
      }),
  };
}
export type StaffStore = ReturnType<typeof staffStore>;
