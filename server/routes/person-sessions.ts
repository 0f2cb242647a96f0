/**
 * The person logs in with a code and out again. A wrong check character is answered
 * 400 code_typo at once and is not counted as a guess; an unknown code is.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { hashCode, parseCode } from '../codes/access-code.ts';
import { newToken } from '../auth/tokens.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { guessThrottle } from '../middleware/guess-throttle/index.ts';
import { personAuth } from '../middleware/person-auth/index.ts';

const hour = 60 * 60 * 1000;
/** Session lifetimes: 12 hours, or 90 days with "remember me". */
export const personSessionMs = { short: 12 * hour, remembered: 90 * 24 * hour };

/**
 * @example
 *   app.route('/', personSessionRoutes(deps));
 */
export function personSessionRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const now = () => deps.clock.now();

  app.post('/v1/sessions', jsonBody('api-person.schema.json#/$defs/SessionRequest'), guessThrottle(deps.throttle, deps.addressOf), async (c) => {
    const body = c.get('body') as { code: string; remember?: boolean };
    const parsed = parseCode(body.code);
    if (!parsed.ok) throw apiError('code_typo');
    const code = await deps.stores.codes.byHmac(hashCode(parsed.code, deps.secrets.codeKey));
    if (!code || code.revoked_at || code.erased_at) {
      deps.throttle.fail(c.get('guessKey'));
      throw apiError('invalid_code');
    }
    const at = now();
    const expiresAt = new Date(at.getTime() + (body.remember ? personSessionMs.remembered : personSessionMs.short)).toISOString();
    const { token, hash } = newToken('msp');
    await deps.stores.codes.addSession(hash, code.id, at.toISOString(), expiresAt);
    return c.json({ token, expiresAt, programId: code.program_id, consent: await deps.stores.codes.consent(code.id) }, 201);
  });

  app.delete('/v1/sessions/current', personAuth(deps.stores.codes, now), async (c) => {
    await deps.stores.codes.endSession(c.get('person').tokenHash);
    return c.body(null, 204);
  });
  return app;
}
