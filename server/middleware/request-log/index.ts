/**
 * The request log: method, route pattern, status and duration. Never the path itself
 * (refs and ids stay out), a code, a token, a body or the client's address.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { routePath } from 'hono/route';

export type LogLine = (line: string) => void;

/**
 * @example
 *   app.use(requestLog((line) => console.log(line)));
 *   // GET /v1/me/sections/:id 200 4ms
 */
export const requestLog = (log: LogLine): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  await next();
  const pattern = routePath(c, -1);
  log(`${c.req.method} ${pattern} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
};
