/**
 * Security headers on every response: a strict CSP (no external assets anywhere),
 * no framing, HSTS for a year, nosniff and no referrer, and `Cache-Control: no-store`
 * unless the route sets its own.
 *
 * They are set before the route runs, with `c.header()`: Hono then writes them into the
 * response as it is built. Set after `await next()`, each `c.header()` call rebuilds the
 * finished response as a full web Response, which takes @hono/node-server off its fast
 * path (docs/performance.md measured that as the largest single cost of a request).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';

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
  for (const [name, value] of headers) c.header(name, value);
  await next();
};
