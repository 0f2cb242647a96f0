/**
 * The request log and the request metrics: one line per request with the method, the
 * route pattern (never the path itself: refs and ids stay out), the status, the duration
 * and a request id. Never a code, a token, a body or the client's address.
 *
 * The request id is the proxy's X-Request-Id when it is a plain token (letters, digits,
 * `-`, at most 64), else a new random one; it is returned in X-Request-Id, so a person's
 * report of a failed request can be found in the log without anything identifying.
 */
import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from '../../app-env.ts';
import { routePath } from 'hono/route';
import type { Logger } from '../../logger.ts';
import { earlyHeader } from '../early-header.ts';

/** Receives each finished request (the metrics). */
export type RequestObserver = (method: string, route: string, status: number, seconds: number) => void;

const requestIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/**
 * @example
 *   app.use(requestLog(logger));
 *   // {"level":"info","time":"...","msg":"request","method":"GET","route":"/v1/me/sections/:id","status":200,"ms":4.2,"requestId":"..."}
 */
export const requestLog = (log: Logger, observe?: RequestObserver): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  const given = c.req.header('x-request-id');
  const requestId = given !== undefined && requestIdPattern.test(given) ? given : randomUUID();
  earlyHeader(c, 'X-Request-Id', requestId);
  await next();
  const seconds = (performance.now() - started) / 1000;
  const route = routePath(c, -1);
  const status = c.res.status;
  observe?.(c.req.method, route, status, seconds);
  log.info({ method: c.req.method, route, status, ms: Math.round(seconds * 10_000) / 10, requestId }, 'request');
};
