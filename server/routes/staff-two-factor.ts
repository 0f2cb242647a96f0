/**
 * Staff two-factor login: enrol an authenticator (secret, otpauth URL and an inline SVG
 * QR code), confirm it with a first code (which returns the one-time recovery codes, shown
 * only then), complete a login with a code or a recovery code, and an admin's reset of a
 * colleague's second factor. Failed codes count against a per-account throttle.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';
import { factorKeys, recoveryHmac, seal, unseal } from '../auth/secret-box.ts';
import { looksLikeTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, otpauthUrl, qrSvg, totpStep } from '../auth/totp.ts';
import type { AccountThrottle } from '../auth/account-throttle.ts';

/**
 * @example
 *   app.route('/', staffTwoFactorRoutes(deps, createAccountThrottle({ now, limits: secondFactorLimits })));
 */
export function staffTwoFactorRoutes(deps: RouteDeps, throttle: AccountThrottle) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const keys = factorKeys(deps.secrets);
  const nowIso = () => deps.clock.now().toISOString();

  /** 429 while the account is throttled; returns its throttle key. */
  const throttled = async (staffId: number): Promise<string> => {
    const account = `staff:${staffId}`;
    const wait = await throttle.retryAfter(account);
    if (wait > 0) throw apiError('too_many_requests', undefined, {}, { 'Retry-After': String(wait) });
    return account;
  };

  app.post('/v1/staff/totp/enrol', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const staff = (await stores.staff.byId(caller.staffId))!;
    const org = await stores.orgs.byId(staff.org_id);
    const secret = newTotpSecret();
    if (!(await stores.staff.setPendingTotp(staff.id, seal(keys, secret)))) throw apiError('conflict', 'Two-factor login is already set up; an admin can reset it.');
    const url = otpauthUrl(secret, `${org?.slug ?? 'org'}/${staff.username}`);
    return c.json({ secret, otpauthUrl: url, qrSvg: await qrSvg(url) });
  });

  app.post('/v1/staff/totp/confirm', jsonBody('api-staff.schema.json#/$defs/SecondFactorRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const account = await throttled(caller.staffId);
    const staff = (await stores.staff.byId(caller.staffId))!;
    if (staff.totp_confirmed_at) throw apiError('conflict', 'Two-factor login is already set up.');
    const secret = staff.totp_pending ? unseal(keys, staff.totp_pending) : undefined;
    if (!secret) throw apiError('conflict', 'Start with POST /v1/staff/totp/enrol.');
    const step = totpStep(secret, (c.get('body') as { code: string }).code.replace(/\s/g, ''), deps.clock.now());
    if (step === undefined) {
      await throttle.fail(account);
      throw apiError('invalid_second_factor');
    }
    const recoveryCodes = newRecoveryCodes();
    const at = nowIso();
    if (!(await stores.staff.confirmTotp(staff.id, step, recoveryCodes.map((code) => recoveryHmac(keys, normaliseRecoveryCode(code)!)), at))) throw apiError('conflict');
    await stores.staff.completeSession(caller.tokenHash, at);
    return c.json({ recoveryCodes });
  });

  app.post('/v1/staff/sessions/current/totp', jsonBody('api-staff.schema.json#/$defs/SecondFactorRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const account = await throttled(caller.staffId);
    const staff = (await stores.staff.byId(caller.staffId))!;
    const secret = staff.totp_secret ? unseal(keys, staff.totp_secret) : undefined;
    if (!secret) throw apiError('two_factor_enrolment_required');
    const typed = (c.get('body') as { code: string }).code;
    const at = deps.clock.now();
    let ok = false;
    if (looksLikeTotp(typed)) {
      const step = totpStep(secret, typed.replace(/\s/g, ''), at);
      ok = step !== undefined && await stores.staff.useTotpStep(staff.id, step);
    } else {
      const recovery = normaliseRecoveryCode(typed);
      ok = !!recovery && await stores.staff.useRecoveryCode(staff.id, recoveryHmac(keys, recovery), at.toISOString());
    }
    if (!ok) {
      await throttle.fail(account);
      throw apiError('invalid_second_factor');
    }
    await stores.staff.completeSession(caller.tokenHash, at.toISOString());
    return c.json({ ok: true, recoveryCodesLeft: await stores.staff.recoveryCodesLeft(staff.id) });
  });

  app.post('/v1/staff/accounts/:username/totp/reset', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const target = await stores.staff.byUsername(caller.orgId, c.req.param('username'));
    if (!target) throw apiError('not_found');
    await stores.staff.resetTotp(target.id);
    await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action: 'staff.totp.reset', at: nowIso() });
    return c.json({ ok: true });
  });
  return app;
}
