/**
 * How a staff route reaches one code by ref: the caller's own organisation only (another
 * organisation's ref is 404, and the probe is audited), 410 once the person erased it,
 * and 403 consent_required unless the person consents at the time of the request.
 * Used by every staff route that names a code (staff-codes.ts, fhir.ts).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import type { StaffCaller } from '../middleware/staff-auth/index.ts';
import type { CodeRow } from '../store/codes.ts';

/**
 * @example
 *   const access = staffCodeAccess(deps);
 *   const code = await access.codeOf(c);
 *   await access.requireConsent(c.get('staff'), code, 'code.read_fhir');
 */
export function staffCodeAccess(deps: RouteDeps) {
  const { stores } = deps;
  const audit = (caller: StaffCaller, codeRef: string | null, action: string) =>
    stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: caller.apiKeyId, codeRef, action, at: deps.clock.now().toISOString() });

  /** The caller's organisation's code named by the `ref` path parameter. */
  const codeOf = async (c: Context<AppEnv>): Promise<CodeRow> => {
    const caller = c.get('staff');
    const ref = c.req.param('ref') ?? '';
    const code = await stores.codes.byRef(caller.orgId, ref);
    if (!code) {
      const owner = await stores.codes.orgOfRef(ref);
      if (owner !== undefined && owner !== caller.orgId) await audit(caller, ref, 'code.cross_org_probe');
      throw apiError('not_found');
    }
    if (code.erased_at) throw apiError('gone');
    return code;
  };

  /** Throws 403 consent_required (audited as `<action>.denied`) unless the person consents now. */
  const requireConsent = async (caller: StaffCaller, code: CodeRow, action: string) => {
    if ((await stores.codes.consent(code.id)) !== true) {
      await audit(caller, code.ref, `${action}.denied`);
      throw apiError('consent_required');
    }
  };

  return { audit, codeOf, requireConsent };
}
