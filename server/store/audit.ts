/** The audit log: which staff member or key read or changed which code's data, and when. */
import type { Db } from '../db/open-database.ts';

export interface AuditRow { staff_id: number | null; api_key_id: number | null; code_ref: string | null; action: string; at: string }

/**
 * Prepared statements for the audit log.
 *
 * @example
 *   auditStore(db).record({ orgId, staffId, apiKeyId: null, codeRef: ref, action: 'code.read', at: now });
 */
export function auditStore(db: Db) {
  const insert = db.prepare('INSERT INTO audit_log (org_id, staff_id, api_key_id, code_ref, action, at) VALUES (?, ?, ?, ?, ?, ?)');
  const list = db.prepare<[number], AuditRow>('SELECT staff_id, api_key_id, code_ref, action, at FROM audit_log WHERE org_id = ? ORDER BY id');
  return {
    record: (e: { orgId: number; staffId: number | null; apiKeyId: number | null; codeRef: string | null; action: string; at: string }) =>
      void insert.run(e.orgId, e.staffId, e.apiKeyId, e.codeRef, e.action, e.at),
    list: (orgId: number) => list.all(orgId),
  };
}
export type AuditStore = ReturnType<typeof auditStore>;
