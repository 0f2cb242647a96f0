/**
 * Authenticates the person by bearer token. The session must be unexpired and its code
 * neither revoked nor erased; the code row and its organisation are left in
 * `c.get('person')` (read in one statement).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { hashToken } from '../../auth/tokens.ts';
import { apiError } from '../../errors.ts';
import type { CodeStore } from '../../store/codes.ts';

/** The bearer token of a request, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * @example
 *   app.use('/v1/me/*', personAuth(stores.codes, () => clock.now()));
 */
export const personAuth = (codes: CodeStore, now: () => Date): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  const tokenHash = token?.startsWith('msp_') ? hashToken(token) : undefined;
  const session = tokenHash ? await codes.bySession(tokenHash, now().toISOString()) : undefined;
  if (!session || !tokenHash) throw apiError('unauthorized');
  c.set('person', { code: session.code, org: session.org, tokenHash });
  await next();
};
