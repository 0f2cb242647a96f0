/** Staff accounts, their sessions and the organisation's API keys. SQL lives only here. */
import type { Db } from '../db/open-database.ts';

export type Role = 'admin' | 'professional';
export interface StaffRow {
  id: number; org_id: number; username: string; role: Role; password_hash: string; must_change_password: number; created_at: string;
  /** Sealed TOTP secret once enrolment is confirmed (migration 002). */
  totp_secret: string | null; totp_pending: string | null; totp_confirmed_at: string | null; totp_last_step: number | null;
}
/** A staff session's second-factor state. */
export interface SessionFactor { second_factor_at: string | null; totp_confirmed_at: string | null }
export interface ApiKeyRow { id: number; ref: string; org_id: number; name: string; scopes: string; created_at: string; revoked_at: string | null }

/**
 * Prepared statements for staff, staff sessions and API keys.
 *
 * @example
 *   const staff = staffStore(db); staff.byUsername(orgId, 'kari');
 */
export function staffStore(db: Db) {
  const insert = db.prepare('INSERT INTO staff (org_id, username, role, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, 1, ?)');
  const byUsername = db.prepare<[number, string], StaffRow>('SELECT * FROM staff WHERE org_id = ? AND username = ?');
  const byId = db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const list = db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE org_id = ? ORDER BY username');
  const setPassword = db.prepare('UPDATE staff SET password_hash = ?, must_change_password = ? WHERE id = ?');
  const insertSession = db.prepare('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const session = db.prepare<[string, string], StaffRow>(
    'SELECT staff.* FROM staff_sessions JOIN staff ON staff.id = staff_sessions.staff_id WHERE token_hash = ? AND expires_at > ?',
  );
  const deleteSession = db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?');
  const deleteOtherSessions = db.prepare('DELETE FROM staff_sessions WHERE staff_id = ? AND token_hash != ?');
  const insertKey = db.prepare('INSERT INTO api_keys (ref, org_id, name, key_hash, scopes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const keyByHash = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL');
  const keys = db.prepare<[number], ApiKeyRow>('SELECT * FROM api_keys WHERE org_id = ? AND revoked_at IS NULL ORDER BY id');
  const keyOrg = db.prepare<[string], { org_id: number }>('SELECT org_id FROM api_keys WHERE ref = ?');
  const revokeKey = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND ref = ? AND revoked_at IS NULL');
  const sessionFactor = db.prepare<[string], SessionFactor>(
    'SELECT staff_sessions.second_factor_at, staff.totp_confirmed_at FROM staff_sessions JOIN staff ON staff.id = staff_sessions.staff_id WHERE token_hash = ?',
  );
  const completeSession = db.prepare('UPDATE staff_sessions SET second_factor_at = ? WHERE token_hash = ?');
  const setPending = db.prepare('UPDATE staff SET totp_pending = ? WHERE id = ? AND totp_confirmed_at IS NULL');
  const confirmTotp = db.prepare('UPDATE staff SET totp_secret = totp_pending, totp_pending = NULL, totp_confirmed_at = ?, totp_last_step = ? WHERE id = ? AND totp_pending IS NOT NULL');
  const useStep = db.prepare('UPDATE staff SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)');
  const resetTotp = db.prepare('UPDATE staff SET totp_secret = NULL, totp_pending = NULL, totp_confirmed_at = NULL, totp_last_step = NULL WHERE id = ?');
  const deleteRecovery = db.prepare('DELETE FROM staff_recovery_codes WHERE staff_id = ?');
  const insertRecovery = db.prepare('INSERT INTO staff_recovery_codes (staff_id, code_hmac, created_at) VALUES (?, ?, ?)');
  const useRecovery = db.prepare('UPDATE staff_recovery_codes SET used_at = ? WHERE staff_id = ? AND code_hmac = ? AND used_at IS NULL');
  const recoveryLeft = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM staff_recovery_codes WHERE staff_id = ? AND used_at IS NULL');
  const deleteSessions = db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?');
  return {
    create(orgId: number, username: string, role: Role, passwordHash: string, now: string): number {
      return Number(insert.run(orgId, username, role, passwordHash, now).lastInsertRowid);
    },
    byUsername: (orgId: number, username: string) => byUsername.get(orgId, username),
    byId: (id: number) => byId.get(id),
    list: (orgId: number) => list.all(orgId),
    setPassword: (id: number, hash: string, mustChange: boolean) => void setPassword.run(hash, mustChange ? 1 : 0, id),
    addSession: (hash: string, staffId: number, now: string, expires: string) => void insertSession.run(hash, staffId, now, expires),
    bySession: (hash: string, now: string) => session.get(hash, now),
    endSession: (hash: string) => void deleteSession.run(hash),
    endOtherSessions: (staffId: number, keep: string) => void deleteOtherSessions.run(staffId, keep),
    addKey(ref: string, orgId: number, name: string, hash: string, scopes: string[], by: number, now: string) {
      insertKey.run(ref, orgId, name, hash, scopes.join(' '), by, now);
    },
    keyByHash: (hash: string) => keyByHash.get(hash),
    keys: (orgId: number) => keys.all(orgId),
    revokeKey: (orgId: number, ref: string, now: string) => revokeKey.run(now, orgId, ref).changes === 1,
    /** The organisation an API key ref belongs to, whichever it is (to notice probes across organisations). */
    keyOrgOfRef: (ref: string) => keyOrg.get(ref)?.org_id,
    /** The second-factor state of a session (undefined when there is no such session). */
    sessionFactor: (hash: string) => sessionFactor.get(hash),
    /** Marks a session as completed by the second factor. */
    completeSession: (hash: string, now: string) => void completeSession.run(now, hash),
    /** Stores a sealed secret awaiting confirmation; false when already enrolled. */
    setPendingTotp: (id: number, sealed: string) => setPending.run(sealed, id).changes === 1,
    /** Confirms enrolment and replaces the recovery codes, in one transaction. */
    confirmTotp: db.transaction((id: number, step: number, recoveryHmacs: string[], now: string) => {
      if (confirmTotp.run(now, step, id).changes !== 1) return false;
      deleteRecovery.run(id);
      for (const hmac of recoveryHmacs) insertRecovery.run(id, hmac, now);
      return true;
    }),
    /** Records `step` as used; false when it (or a later one) was used already. */
    useTotpStep: (id: number, step: number) => useStep.run(step, id, step).changes === 1,
    /** Spends a recovery code; false when unknown or used. */
    useRecoveryCode: (id: number, hmac: string, now: string) => useRecovery.run(now, id, hmac).changes === 1,
    recoveryCodesLeft: (id: number) => recoveryLeft.get(id)?.n ?? 0,
    /** Removes the second factor and recovery codes and ends every session of the account. */
    resetTotp: db.transaction((id: number) => {
      resetTotp.run(id);
      deleteRecovery.run(id);
      deleteSessions.run(id);
    }),
  };
}
export type StaffStore = ReturnType<typeof staffStore>;
