/**
 * CORS for the API: only the configured origins may read responses from a browser.
 * Hono's own cors() adds `Vary: Origin` after the route ran, which rebuilds every
 * response as a full web Response (off @hono/node-server's fast path); this one sets all
 * its headers before the route runs and answers a preflight (any OPTIONS) itself.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { earlyHeader } from '../early-header.ts';

export interface CorsOptions {
  /** Origins allowed to read responses (exact `scheme://host[:port]`). */
  origins: readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  /** How long (s) a browser may reuse a preflight's answer. */
  maxAge: number;
}

/**
 * @example
 *   app.use('/v1/*', cors({ origins: ['https://partner.example'], allowMethods: ['GET'], allowHeaders: ['Authorization'], maxAge: 600 }));
 */
export const cors = (options: CorsOptions): MiddlewareHandler<AppEnv> => {
  const origins = new Set(options.origins);
  const methods = options.allowMethods.join(',');
  const allowHeaders = options.allowHeaders.join(',');
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && origins.has(origin);
    if (allowed) earlyHeader(c, 'Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Max-Age', String(options.maxAge));
      c.header('Access-Control-Allow-Methods', methods);
      c.header('Access-Control-Allow-Headers', allowHeaders);
      c.header('Vary', 'Origin, Access-Control-Request-Headers');
      return c.body(null, 204);
    }
    earlyHeader(c, 'Vary', 'Origin');
    await next();
  };
};
