/**
 * Refuses a request body larger than the limit (413) before anything reads it. A body
 * with a Content-Length is judged by that header alone (Node's parser never delivers
 * more than it declares); any other body (chunked, or a Request built in a test) is
 * counted as it arrives, by Hono's bodyLimit. Hono's bodyLimit on every request would
 * build a full web Request for each one, GETs included, just to ask whether there is a
 * body, and read the body through it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as countingLimit } from 'hono/body-limit';
import type { AppEnv } from '../../app-env.ts';

/**
 * @example
 *   app.use(bodyLimit(64 * 1024, (c) => c.json(errorBody('payload_too_large'), 413)));
 */
export const bodyLimit = (maxSize: number, onError: (c: Context<AppEnv>) => Response | Promise<Response>): MiddlewareHandler<AppEnv> => {
  const counting = countingLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) <= maxSize ? next() : onError(c);
    // No route reads the body of a GET or HEAD.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return counting(c, next);
  };
};
