/** The audit log: which staff member or key read or changed which code's data, and when. */
import type { Executor } from './executor.ts';

export interface AuditRow { staff_id: number | null; api_key_id: number | null; code_ref: string | null; action: string; at: string }
export interface AuditEntryRow { id: number; at: string; action: string; code_ref: string | null; username: string | null; api_key_ref: string | null; staff_id: number | null }
export interface AuditFilter { from?: string; to?: string; staffId?: number; action?: string; before?: number; limit: number }

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
    /**
     * One page of the organisation's log, newest first: `from` <= at < `to`, one account,
     * an action or every action under a prefix ending in '.', entries older than id `before`.
     */
    page: (orgId: number, f: AuditFilter): Promise<AuditEntryRow[]> => {
      let q = x.db.selectFrom('audit_log')
        .leftJoin('staff', 'staff.id', 'audit_log.staff_id')
        .leftJoin('api_keys', 'api_keys.id', 'audit_log.api_key_id')
        // A ref shows only when it is one of the organisation's own codes: a probe of another
        // organisation's ref is logged, but that ref is never shown back.
        .leftJoin('codes', (j) => j.onRef('codes.ref', '=', 'audit_log.code_ref').onRef('codes.org_id', '=', 'audit_log.org_id'))
        .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'codes.ref as code_ref', 'audit_log.staff_id', 'staff.username as username', 'api_keys.ref as api_key_ref'])
        .where('audit_log.org_id', '=', orgId);
      if (f.from !== undefined) q = q.where('audit_log.at', '>=', f.from);
      if (f.to !== undefined) q = q.where('audit_log.at', '<', f.to);
      if (f.staffId !== undefined) q = q.where('audit_log.staff_id', '=', f.staffId);
      if (f.action !== undefined) {
        const action = f.action;
        q = action.endsWith('.') ? q.where((eb) => eb.fn('substr', [eb.ref('audit_log.action'), eb.val(1), eb.val(action.length)]), '=', action) : q.where('audit_log.action', '=', action);
      }
      if (f.before !== undefined) q = q.where('audit_log.id', '<', f.before);
      return q.orderBy('audit_log.id', 'desc').limit(f.limit).execute();
    },
  };
}
export type AuditStore = ReturnType<typeof auditStore>;
