/**
 * The person logs in with a code and out again. A wrong check character is answered
 * 400 code_typo at once and a code of one repeated character (never issued) 401
 * invalid_code; neither counts as a guess. Every other code passes the guess gate: under
 * guessing pressure it asks for proof-of-work (429 challenge_required with a challenge),
 * and a valid code with a solved challenge always gets in. An unknown code is a failure.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { hashCode, isRepeatedCode, parseCode } from '../codes/access-code.ts';
import { newToken } from '../auth/tokens.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { personAuth } from '../middleware/person-auth/index.ts';
import { recordEvent } from '../webhooks/events.ts';

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

  app.post('/v1/sessions', jsonBody('api-person.schema.json#/$defs/SessionRequest'), async (c) => {
    const body = c.get('body') as { code: string; remember?: boolean; altcha?: string };
    const parsed = parseCode(body.code);
    if (!parsed.ok) throw apiError('code_typo');
    if (isRepeatedCode(parsed.code)) throw apiError('invalid_code');
    const guess = await deps.gates.person.admit({ address: deps.addressOf(c), altcha: body.altcha });
    const code = await deps.stores.codes.byHmac(hashCode(parsed.code, deps.secrets.codeKey));
    if (!code || code.revoked_at || code.erased_at) {
      await guess.fail();
      throw apiError('invalid_code');
    }
    const at = now();
    const expiresAt = new Date(at.getTime() + (body.remember ? personSessionMs.remembered : personSessionMs.short)).toISOString();
    const { token, hash } = newToken('msp');
    await deps.stores.transaction(async (tx) => {
      if (await tx.codes.addSession(hash, code.id, at.toISOString(), expiresAt)) {
        await recordEvent(tx, { orgId: code.org_id, type: 'code.activated', occurredAt: at.toISOString(), data: { code: code.ref } });
      }
    });
    c.header('Content-Language', code.locale);
    return c.json({ token, expiresAt, programId: code.program_id, locale: code.locale, consent: await deps.stores.codes.consent(code.id) }, 201);
  });

  app.delete('/v1/sessions/current', personAuth(deps.stores.codes, now), async (c) => {
    await deps.stores.codes.endSession(c.get('person').tokenHash);
    return c.body(null, 204);
  });
  return app;
}
