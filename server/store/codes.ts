/** Access codes, person sessions and the consent history. SQL lives only here. */
import type { Db } from '../db/open-database.ts';

export interface CodeRow {
  id: number; ref: string; hint: string; org_id: number; program_id: string;
  created_at: string; revoked_at: string | null; erased_at: string | null;
}
export interface CodeListRow extends CodeRow { share: number | null }

/**
 * Prepared statements for codes, person sessions and consent.
 *
 * @example
 *   const codes = codeStore(db); codes.byHmac(hashCode(code, key));
 */
export function codeStore(db: Db) {
  const insert = db.prepare(
    'INSERT INTO codes (ref, code_hmac, hint, org_id, program_id, created_by_staff, created_by_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const cols = 'id, ref, hint, org_id, program_id, created_at, revoked_at, erased_at';
  const byHmac = db.prepare<[string], CodeRow>(`SELECT ${cols} FROM codes WHERE code_hmac = ?`);
  const byRef = db.prepare<[number, string], CodeRow>(`SELECT ${cols} FROM codes WHERE org_id = ? AND ref = ?`);
  const orgOfRef = db.prepare<[string], { org_id: number }>('SELECT org_id FROM codes WHERE ref = ?');
  const list = db.prepare<[number], CodeListRow>(
    `SELECT ${cols.split(', ').map((c) => `codes.${c}`).join(', ')},
       (SELECT share FROM consents WHERE consents.code_id = codes.id ORDER BY id DESC LIMIT 1) AS share
     FROM codes WHERE org_id = ? ORDER BY codes.id DESC`,
  );
  const revoke = db.prepare('UPDATE codes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const insertSession = db.prepare('INSERT INTO person_sessions (token_hash, code_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const session = db.prepare<[string, string], CodeRow>(
    `SELECT ${cols.split(', ').map((c) => `codes.${c}`).join(', ')} FROM person_sessions JOIN codes ON codes.id = person_sessions.code_id
     WHERE token_hash = ? AND expires_at > ? AND codes.revoked_at IS NULL AND codes.erased_at IS NULL`,
  );
  const deleteSession = db.prepare('DELETE FROM person_sessions WHERE token_hash = ?');
  const deleteSessions = db.prepare('DELETE FROM person_sessions WHERE code_id = ?');
  const insertConsent = db.prepare('INSERT INTO consents (code_id, share, at) VALUES (?, ?, ?)');
  const consent = db.prepare<[number], { share: number; at: string }>('SELECT share, at FROM consents WHERE code_id = ? ORDER BY id DESC LIMIT 1');
  const consentHistory = db.prepare<[number], { share: number; at: string }>('SELECT share, at FROM consents WHERE code_id = ? ORDER BY id');
  return {
    create(row: { ref: string; hmac: string; hint: string; orgId: number; programId: string; staffId: number | null; keyId: number | null; now: string }) {
      insert.run(row.ref, row.hmac, row.hint, row.orgId, row.programId, row.staffId, row.keyId, row.now);
    },
    byHmac: (hmac: string) => byHmac.get(hmac),
    byRef: (orgId: number, ref: string) => byRef.get(orgId, ref),
    /** The organisation a ref belongs to, whichever it is (to notice probes across organisations). */
    orgOfRef: (ref: string) => orgOfRef.get(ref)?.org_id,
    list: (orgId: number) => list.all(orgId),
    revoke(codeId: number, now: string) {
      revoke.run(now, codeId);
      deleteSessions.run(codeId);
    },
    addSession: (hash: string, codeId: number, now: string, expires: string) => void insertSession.run(hash, codeId, now, expires),
    bySession: (hash: string, now: string) => session.get(hash, now),
    endSession: (hash: string) => void deleteSession.run(hash),
    setConsent: (codeId: number, share: boolean, now: string) => void insertConsent.run(codeId, share ? 1 : 0, now),
    /** The current consent: true, false, or null when never answered. */
    consent(codeId: number): boolean | null {
      const row = consent.get(codeId);
      return row ? row.share === 1 : null;
    },
    consentHistory: (codeId: number) => consentHistory.all(codeId).map((r) => ({ share: r.share === 1, at: r.at })),
  };
}
export type CodeStore = ReturnType<typeof codeStore>;
