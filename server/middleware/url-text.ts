/**
 * An address whose path or query holds a NUL character (`%00`) is refused with
 * `400 bad_request` before any route runs. No id, ref, token or filter value can hold one,
 * and PostgreSQL refuses NUL in text outright, so without this check a look-up by such a
 * value would fail inside the database (a 500) instead of at the edge.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { apiError } from '../errors.ts';

/** `%00` anywhere in the encoded address (a literal NUL never gets past the HTTP parser). */
const encodedNul = /%00/;

export function refuseNulInAddress(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (encodedNul.test(c.req.url)) throw apiError('bad_request', 'The address holds a NUL character (%00), which no id or value can contain.');
    await next();
  };
}
