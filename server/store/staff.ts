/** Staff accounts, their sessions and the organisation's API keys. SQL lives only here. */
import type { Db } from '../db/open-database.ts';

export type Role = 'admin' | 'professional';
export interface StaffRow { id: number; org_id: number; username: string; role: Role; password_hash: string; must_change_password: number; created_at: string }
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
  const revokeKey = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND ref = ? AND revoked_at IS NULL');
  return {
    create(orgId: number, username: string, role: Role, passwordHash: string, now: string): number {
      return Number(insert.run(orgId, username, role, passwordHash, now).lastInsertRowid);
    },
    byUsername: (orgId: number, username: string) => byUsername.get(orgId, username),
    byId: (id: number) => byId.get(id),
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
  };
}
export type StaffStore = ReturnType<typeof staffStore>;
