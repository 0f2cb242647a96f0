/** The audit log: which staff member or key read or changed which code's data, and when. */
import type { Executor } from './executor.ts';

export interface AuditRow { staff_id: number | null; api_key_id: number | null; code_ref: string | null; action: string; at: string }

/**
 * The audit log.
 *
 * @example
 *   await auditStore(x).record({ orgId, staffId, apiKeyId: null, codeRef: ref, action: 'code.read', at: now });
 */
export function auditStore(x: Executor) {
  return {
    record: (e: { orgId: number; staffId: number | null; apiKeyId: number | null; codeRef: string | null; action: string; at: string }) =>
      x.write(async (db) => {
        await db.insertInto('audit_log').values({ org_id: e.orgId, staff_id: e.staffId, api_key_id: e.apiKeyId, code_ref: e.codeRef, action: e.action, at: e.at }).execute();
      }),
    list: (orgId: number): Promise<AuditRow[]> =>
      x.db.selectFrom('audit_log').select(['staff_id', 'api_key_id', 'code_ref', 'action', 'at']).where('org_id', '=', orgId).orderBy('id').execute(),
  };
}
export type AuditStore = ReturnType<typeof auditStore>;
