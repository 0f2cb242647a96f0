/**
 * Test helpers for staff two-factor login: enrol an authenticator and confirm it, or
 * complete a later login, computing codes from the app's manual clock.
 */
import { totpCode } from '../../server/auth/totp.ts';

interface CallEnv {
  clock: { now(): Date; advance(by: { seconds?: number }): void };
  call(method: string, path: string, options?: { body?: unknown; token?: string }): Promise<{ status: number; json: any; text: string }>;
}

/**
 * Enrols an authenticator for the session `token` and confirms it (completing the session).
 *
 * @example
 *   const { secret, recoveryCodes } = await enrolTwoFactor(env, token);
 */
export async function enrolTwoFactor(env: CallEnv, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enrol = await env.call('POST', '/v1/staff/totp/enrol', { token });
  if (enrol.status !== 200) throw new Error(`enrol failed: ${enrol.text}`);
  const secret = enrol.json.secret as string;
  const confirmed = await env.call('POST', '/v1/staff/totp/confirm', { token, body: { code: totpCode(secret, env.clock.now()) } });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.text}`);
  return { secret, recoveryCodes: confirmed.json.recoveryCodes };
}

/**
 * Logs in with password and a fresh code (the clock moves on 30 s so the code is unused).
 *
 * @example
 *   const token = await staffLogin(env, { slug, username, password, secret });
 */
export async function staffLogin(env: CallEnv, who: { slug: string; username: string; password: string; secret: string }): Promise<string> {
  const login = await env.call('POST', '/v1/staff/sessions', { body: { org: who.slug, username: who.username, password: who.password } });
  if (login.status !== 201) throw new Error(`login failed: ${login.text}`);
  env.clock.advance({ seconds: 30 });
  const done = await env.call('POST', '/v1/staff/sessions/current/totp', { token: login.json.token, body: { code: totpCode(who.secret, env.clock.now()) } });
  if (done.status !== 200) throw new Error(`second factor failed: ${done.text}`);
  return login.json.token as string;
}
