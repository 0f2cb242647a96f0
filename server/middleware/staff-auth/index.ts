/**
 * Authenticates staff: the portal's __Host- session cookie, a staff bearer token
 * (mss_) or an organisation API key (msk_). Until a one-time password is changed,
 * every staff route but password change and logout answers 403 password_change_required.
 * A change (POST, PUT, DELETE) authenticated by the cookie must come from the portal's
 * own pages (`Sec-Fetch-Site: same-origin`, or an `Origin` whose host is the request's
 * host); anything else is 403 cross_origin_refused, before the route runs.
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
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request comes from a page of this server's own origin. Browsers send
 * Sec-Fetch-Site on every request (it cannot be set by a page); older ones send Origin
 * on every POST, PUT and DELETE. A request with neither is not from the portal.
 */
export function fromOwnOrigin(header: (name: string) => string | undefined, requestHost: string): boolean {
  const site = header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = header('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === (header('host') ?? requestHost);
  } catch {
    return false;
  }
}

/**
 * @example
 *   app.use('/v1/staff/*', staffAuth(stores.staff, () => clock.now()));
 */
export const staffAuth = (staff: StaffStore, now: () => Date): MiddlewareHandler<AppEnv> => async (c, next) => {
  const bearer = bearerToken(c.req.header('authorization'));
  const token = bearer ?? getCookie(c, staffCookie);
  if (!token) throw apiError('unauthorized');
  if (!bearer && !safeMethods.has(c.req.method) && !fromOwnOrigin((name) => c.req.header(name), new URL(c.req.url).host)) throw apiError('cross_origin_refused');
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
  if (!caller.scopes.has(scope)) throw apiError('forbidden', 'This key lacks the scope needed.', { scope });
}
