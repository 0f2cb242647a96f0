/**
 * Holds a staff session back until its second factor completes it. Runs after staffAuth:
 * a staff account's session answers 403 `two_factor_enrolment_required` (no authenticator
 * yet) or `two_factor_required` (enrolled, code not given yet) on every route but the few
 * that finish the login. API keys are not sessions and pass unchanged.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { apiError } from '../../errors.ts';
import type { StaffStore } from '../../store/staff.ts';

/** Routes a session may use before the second factor, for an enrolled account. */
const codeStepRoutes = new Set(['POST /v1/staff/sessions/current/totp', 'DELETE /v1/staff/sessions/current']);
/** Routes a session may use while the account has no authenticator yet. */
const enrolmentRoutes = new Set(['POST /v1/staff/totp/enrol', 'POST /v1/staff/totp/confirm', 'PUT /v1/staff/password', 'DELETE /v1/staff/sessions/current']);

/**
 * @example
 *   app.use('/v1/staff/*', twoFactorGate(stores.staff)); // after staffAuth
 */
export const twoFactorGate = (staff: StaffStore): MiddlewareHandler<AppEnv> => async (c, next) => {
  const caller = c.get('staff');
  if (caller && caller.staffId !== null) {
    const state = await staff.sessionFactor(caller.tokenHash);
    if (!state) throw apiError('unauthorized');
    if (!state.second_factor_at) {
      const route = `${c.req.method} ${c.req.path}`;
      if (state.totp_confirmed_at) {
        if (!codeStepRoutes.has(route)) throw apiError('two_factor_required');
      } else if (!enrolmentRoutes.has(route)) {
        throw apiError('two_factor_enrolment_required');
      }
    }
  }
  await next();
};
