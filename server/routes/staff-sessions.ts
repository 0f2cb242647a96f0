/**
 * Staff log in (a __Host- cookie for the portal and a bearer token for API clients),
 * log out and change their password. Failed logins count against the guess throttle (per
 * address bucket) and the account throttle (per account). A new session is limited until
 * the second factor completes it (routes/staff-two-factor.ts).
 */
import { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { guessThrottle } from '../middleware/guess-throttle/index.ts';
import { requireStaffAccount, staffCookie } from '../middleware/staff-auth/index.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { newToken } from '../auth/tokens.ts';
import type { AccountThrottle } from '../auth/account-throttle.ts';

/** Staff sessions last 12 hours. */
export const staffSessionMs = 12 * 60 * 60 * 1000;

// Verified against when the user does not exist, so both paths take as long.
const dummyHash = hashPassword('not-a-real-password');

/**
 * @example
 *   app.route('/', staffSessionRoutes(deps));
 */
export function staffSessionRoutes(deps: RouteDeps, accounts: AccountThrottle) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const now = () => deps.clock.now();

  app.post('/v1/staff/sessions', jsonBody('api-staff.schema.json#/$defs/StaffSessionRequest'), guessThrottle(deps.throttle, deps.addressOf), async (c) => {
    const body = c.get('body') as { org: string; username: string; password: string };
    const account = `login:${body.org}\n${body.username}`;
    const wait = accounts.retryAfter(account);
    if (wait > 0) throw apiError('too_many_requests', undefined, {}, { 'Retry-After': String(wait) });
    const org = await stores.orgs.bySlug(body.org);
    const staff = org ? await stores.staff.byUsername(org.id, body.username) : undefined;
    const ok = verifyPassword(body.password, staff?.password_hash ?? dummyHash) && !!staff;
    if (!ok || !staff) {
      deps.throttle.fail(c.get('guessKey'));
      accounts.fail(account);
      throw apiError('invalid_credentials');
    }
    const at = now();
    const expiresAt = new Date(at.getTime() + staffSessionMs).toISOString();
    const { token, hash } = newToken('mss');
    await stores.staff.addSession(hash, staff.id, at.toISOString(), expiresAt);
    setCookie(c, staffCookie, token, { path: '/', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: staffSessionMs / 1000 });
    return c.json({ token, expiresAt, role: staff.role, mustChangePassword: staff.must_change_password === 1,
      twoFactor: staff.totp_confirmed_at ? 'required' : 'enrolment_required' }, 201);
  });

  app.delete('/v1/staff/sessions/current', async (c) => {
    await stores.staff.endSession(c.get('staff').tokenHash);
    deleteCookie(c, staffCookie, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });

  app.put('/v1/staff/password', jsonBody('api-staff.schema.json#/$defs/PasswordChangeRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const body = c.get('body') as { currentPassword: string; newPassword: string };
    const staff = (await stores.staff.byId(caller.staffId))!;
    if (!verifyPassword(body.currentPassword, staff.password_hash)) throw apiError('invalid_credentials', 'The current password is wrong.');
    const problem = passwordProblem(body.newPassword) ?? (body.newPassword === body.currentPassword ? 'The new password must differ from the old one.' : undefined);
    if (problem) throw apiError('validation_failed', problem, { fields: [{ field: 'newPassword', code: 'weak', message: problem }] });
    await stores.staff.setPassword(staff.id, hashPassword(body.newPassword), false);
    await stores.staff.endOtherSessions(staff.id, caller.tokenHash);
    return c.json({ ok: true });
  });
  return app;
}
