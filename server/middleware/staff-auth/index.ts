/**
 * Authenticates staff: the portal's __Host- session cookie, a staff bearer token
 * (mss_) or an organisation API key (msk_). Until a one-time password is changed,
 * every staff route but password change and logout answers 403 password_change_required.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { getCookie } from 'hono/cookie';
import { hashToken } from '../../auth/tokens.ts';
import { apiError } from '../../errors.ts';
import type { StaffStore, Role } from '../../store/staff.ts';
import { bearerToken } from '../person-auth/index.ts';

export const staffCookie = '__Host-mestring_staff';

export type Scope = 'codes:create' | 'codes:read';

/** Who is calling a staff route. */
export interface StaffCaller {
  orgId: number;
  /** Set for staff accounts. */
  staffId: number | null;
  /** Set for API keys. */
  apiKeyId: number | null;
  role: Role | 'api_key';
  scopes: ReadonlySet<Scope>;
  mustChangePassword: boolean;
  tokenHash: string;
}

const allScopes: ReadonlySet<Scope> = new Set(['codes:create', 'codes:read']);

/**
 * @example
 *   app.use('/v1/staff/*', staffAuth(stores.staff, () => clock.now()));
 */
export const staffAuth = (staff: StaffStore, now: () => Date): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = bearerToken(c.req.header('authorization')) ?? getCookie(c, staffCookie);
  if (!token) throw apiError('unauthorized');
  const hash = hashToken(token);
  let caller: StaffCaller | undefined;
  if (token.startsWith('mss_')) {
    const row = await staff.bySession(hash, now().toISOString());
    if (row) caller = { orgId: row.org_id, staffId: row.id, apiKeyId: null, role: row.role, scopes: allScopes, mustChangePassword: row.must_change_password === 1, tokenHash: hash };
  } else if (token.startsWith('msk_')) {
    const key = await staff.keyByHash(hash);
    if (key) caller = { orgId: key.org_id, staffId: null, apiKeyId: key.id, role: 'api_key', scopes: new Set(key.scopes.split(' ') as Scope[]), mustChangePassword: false, tokenHash: hash };
  }
  if (!caller) throw apiError('unauthorized');
  const path = c.req.path;
  const exempt = (c.req.method === 'PUT' && path === '/v1/staff/password') || (c.req.method === 'DELETE' && path === '/v1/staff/sessions/current');
  if (caller.mustChangePassword && !exempt) throw apiError('password_change_required');
  c.set('staff', caller);
  await next();
};

/** Throws 403 unless the caller is a staff account (not an API key), optionally an admin. */
export function requireStaffAccount(caller: StaffCaller, role?: 'admin'): asserts caller is StaffCaller & { staffId: number } {
  if (caller.staffId === null) throw apiError('forbidden', 'API keys may not do this; log in as staff.');
  if (role === 'admin' && caller.role !== 'admin') throw apiError('forbidden', 'Only an organisation admin may do this.');
}

/** Throws 403 unless the caller holds `scope`. */
export function requireScope(caller: StaffCaller, scope: Scope): void {
  if (!caller.scopes.has(scope)) throw apiError('forbidden', `This key lacks the scope ${scope}.`);
}
