/**
 * The professional's own service, for the printed code card: the organisation's name,
 * its phone (set with `mestring org safety`) and, given the login page's origin, a QR
 * code of that page. The QR code only ever holds the origin and "/": never a code.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { helpFor } from '../safety.ts';
import { qrSvg } from '../auth/totp.ts';

/**
 * The login page of `origin` ("https://mestring.bydel-x.no"), or undefined when it is not a plain http(s) origin.
 *
 * @example
 *   loginPage('https://a.no') // 'https://a.no/'
 */
export function loginPage(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin || origin.length > 200) return undefined;
    return `${url.origin}/`;
  } catch {
    return undefined;
  }
}

/**
 * @example
 *   app.route('/', staffServiceRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffServiceRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  app.get('/v1/staff/service', async (c) => {
    const { service } = helpFor(await deps.stores.orgs.byId(c.get('staff').orgId));
    const origin = c.req.query('origin');
    if (origin === undefined) return c.json({ ...service });
    const url = loginPage(origin);
    if (!url) throw apiError('validation_failed', 'origin must be an http(s) origin, such as https://mestring.example.no.');
    return c.json({ ...service, loginUrl: url, loginQrSvg: await qrSvg(url) });
  });
  return app;
}
