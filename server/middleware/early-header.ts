/**
 * Headers that middleware sets for the whole response before the route runs (security
 * headers, X-Request-Id, Content-Language, Vary).
 *
 * Served by @hono/node-server, they go straight onto Node's `ServerResponse`
 * (`setHeader`), and Node merges them into the response when it is written, the route's
 * own headers taking precedence (`writeHead`). Through Hono's `c.header()` they would make
 * Hono keep a web `Headers` object for every response, which @hono/node-server then copies
 * into a plain object header by header; with none set, a route's `c.json()` leaves a
 * single plain content type and the response takes @hono/node-server's cheapest path
 * (docs/performance.md, "Third round"). Without a Node response (`app.request()` in
 * tests, other runtimes), `c.header()` as before.
 */
import type { Context } from 'hono';
import type { ServerResponse } from 'node:http';

/**
 * @example
 *   earlyHeader(c, 'X-Content-Type-Options', 'nosniff');
 */
export function earlyHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing && typeof outgoing.setHeader === 'function' && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}
