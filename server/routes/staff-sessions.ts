/**
 * Staff log in (a __Host- cookie for the portal and a bearer token for API clients),
 * log out and change their password. Password logins pass the guess gate: failures
 * raise the proof-of-work asked per address key, per account and in total, and never
 * lock an account (the second factor protects it). Failed logins are written to the
 * audit log of the organisation named (account and time, never an address). A new
 * session is limited until the second factor completes it (routes/staff-two-factor.ts).
 * Passwords are hashed off the event loop (async scrypt).
 */
import { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireStaffAccount, staffCookie } from '../middleware/staff-auth/index.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { newToken } from '../auth/tokens.ts';

/** Staff sessions last 12 hours. */
export const staffSessionMs = 12 * 60 * 60 * 1000;

// Verified against when the user does not exist, so both paths take as long (a valid scrypt string, no one's password).
const dummyHash = 'scrypt$32768$8$1$bm90LWEtcmVhbC1zYWx0$ZHVtbXktaGFzaC1vZi10aGlydHktdHdvLWJ5dGVzISE';

/**
 * @example
 *   app.route('/', staffSessionRoutes(deps));
 */
export function staffSessionRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const now = () => deps.clock.now();

  app.post('/v1/staff/sessions', jsonBody('api-staff.schema.json#/$defs/StaffSessionRequest'), async (c) => {
    const body = c.get('body') as { org: string; username: string; password: string; altcha?: string };
    const guess = await deps.gates.staff.admit({ address: deps.addressOf(c), account: `${body.org}\n${body.username}`, altcha: body.altcha });
    const org = await stores.orgs.bySlug(body.org);
    const staff = org ? await stores.staff.byUsername(org.id, body.username) : undefined;
    const ok = (await verifyPassword(body.password, staff?.password_hash ?? dummyHash)) && !!staff;
    if (!ok || !staff) {
      await guess.fail();
      if (org) await stores.audit.record({ orgId: org.id, staffId: staff?.id ?? null, apiKeyId: null, codeRef: null, action: staff ? 'staff.login.failed' : 'staff.login.unknown_user', at: now().toISOString() });
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
    if (!(await verifyPassword(body.currentPassword, staff.password_hash))) throw apiError('invalid_credentials', 'The current password is wrong.');
    const org = await stores.orgs.byId(staff.org_id);
    const problem = (body.newPassword === body.currentPassword ? 'The new password must differ from the old one.' : undefined)
      ?? await passwordProblem(body.newPassword, [staff.username, org?.slug ?? '', org?.name ?? '']);
    if (problem) throw apiError('validation_failed', problem, { fields: [{ field: 'newPassword', code: 'weak', message: problem }] });
    await stores.staff.setPassword(staff.id, await hashPassword(body.newPassword), false);
    await stores.staff.endOtherSessions(staff.id, caller.tokenHash);
    return c.json({ ok: true });
  });
  return app;
}
