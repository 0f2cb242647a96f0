/**
 * Security headers on every response: a strict CSP (no external assets anywhere),
 * no framing, HSTS for a year, nosniff and no referrer, and `Cache-Control: no-store`
 * unless the route sets its own.
 *
 * They are set before the route runs (middleware/early-header.ts: on Node's response when
 * served by @hono/node-server, else with `c.header()`), and a route's own header of the
 * same name wins. Set after `await next()`, each `c.header()` call would rebuild the
 * finished response as a full web Response, which takes @hono/node-server off its fast
 * path (docs/performance.md measured that as the largest single cost of a request).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { earlyHeader } from '../early-header.ts';

const headers: readonly [string, string][] = [
  // One policy for every page: /docs too, whose Try it forms are sent by a same-origin
  // script (/docs.js) to this server, so neither a script nor a fetch needs an exception.
  ['Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  // A route that may be cached replaces this with its own Cache-Control.
  ['Cache-Control', 'no-store'],
];

/**
 * @example
 *   app.use(securityHeaders());
 */
export const securityHeaders = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  for (const [name, value] of headers) earlyHeader(c, name, value);
  await next();
};
