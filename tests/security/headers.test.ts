/**
 * Security headers on every route of the OpenAPI document and on the pages (/docs, and
 * / and /staff/), and the staff cookie's attributes:
 * __Host- prefix, HttpOnly, Secure, SameSite=Strict, Path=/ and no Domain.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { routeTable } from '../../server/openapi/route-table.ts';
import { fillPath, world, type World } from './world.ts';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => w.env.close());

function expectSecureHeaders(where: string, headers: Headers) {
  const csp = headers.get('content-security-policy') ?? '';
  expect([where, csp]).toEqual([where, expect.stringContaining("default-src 'self'")]);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=(\d+); includeSubDomains/);
  expect(Number(/max-age=(\d+)/.exec(headers.get('strict-transport-security')!)![1])).toBeGreaterThanOrEqual(31536000);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
}

function expectHostCookie(setCookie: string) {
  expect(setCookie).toMatch(/^__Host-mestring_staff=/);
  const attrs = setCookie.split(';').map((a) => a.trim().toLowerCase());
  expect(attrs).toContain('httponly');
  expect(attrs).toContain('secure');
  expect(attrs).toContain('samesite=strict');
  expect(attrs).toContain('path=/');
  expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
}

describe('every documented route', () => {
  for (const route of routeTable) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const { env, a } = w;
      const token = route.auth === 'person' ? 'msp_nope' : route.auth === 'none' ? undefined : a.admin.token;
      // Unauthenticated or unknown refs: the headers must be there on errors too.
      const res = await env.call(route.method.toUpperCase(), fillPath(route.path, { id: 'kurs', name: 'bilde.png' }), { token, body: route.body ? {} : undefined });
      expectSecureHeaders(`${route.method} ${route.path} ${res.status}`, res.headers);
    });
  }
});

describe('the pages', () => {
  for (const page of ['/docs', '/', '/staff/']) {
    it(`${page}`, async () => {
      const res = await w.env.call('GET', page);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expectSecureHeaders(page, res.headers);
      expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    });
  }
});

describe('the staff cookie', () => {
  it('is __Host-, HttpOnly, Secure and SameSite=Strict when set and when cleared', async () => {
    const { env, a } = w;
    const login = await env.call('POST', '/v1/staff/sessions', { body: { org: a.slug, username: a.pro.username, password: a.pro.password } });
    expectHostCookie(login.headers.get('set-cookie')!);
    expectSecureHeaders('login', login.headers);
    const out = await env.call('DELETE', '/v1/staff/sessions/current', { token: login.json.token });
    expectHostCookie(out.headers.get('set-cookie')!);
    // No other route sets a cookie.
    for (const path of ['/v1/me', '/v1/staff/codes', '/healthz']) expect((await env.call('GET', path, { token: a.person.token })).headers.get('set-cookie')).toBeNull();
  });
});

describe('served by @hono/node-server (headers set on Node\'s response before the route runs)', () => {
  it('sends every security header once on answers, errors and preflights, and a route\'s own Cache-Control wins', async () => {
    const { env, a } = w;
    const app = createApp({ store: env.stores, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir, corsOrigins: ['https://partner.example'] }, log: () => {} });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${base}${path}`, { method, headers });
      const person = { authorization: `Bearer ${a.person.token}` };
      const cases: [string, Response, number, string][] = [
        ['/healthz', await get('/healthz', { 'x-request-id': 'abc-123' }), 200, 'no-store'],
        ['/v1/me', await get('/v1/me', person), 200, 'no-store'],
        ['/v1/me without a session', await get('/v1/me'), 401, 'no-store'],
        ['an unknown route', await get('/v1/nothing-here'), 404, 'no-store'],
        ['/docs.js', await get('/docs.js'), 200, 'public, max-age=3600'],
        ['a preflight', await get('/v1/me', { origin: 'https://partner.example', 'access-control-request-method': 'GET' }, 'OPTIONS'), 204, 'no-store'],
      ];
      for (const [what, res, status, cache] of cases) {
        await res.arrayBuffer();
        expect([what, res.status]).toEqual([what, status]);
        expectSecureHeaders(what, res.headers);
        expect([what, res.headers.get('cache-control')]).toEqual([what, cache]);
        expect([what, res.headers.get('x-request-id')]).toEqual([what, expect.stringMatching(/^[A-Za-z0-9-]{1,64}$/)]);
      }
      const header = (what: string, name: string) => cases.find((c) => c[0] === what)![1].headers.get(name);
      expect(header('/healthz', 'x-request-id')).toBe('abc-123');
      expect(header('/v1/me', 'content-language')).toBe('nb');
      expect(header('/v1/me without a session', 'content-language')).toBe('nb');
      expect(header('/v1/me', 'vary')).toBe('Origin');
      expect(header('a preflight', 'vary')).toBe('Origin, Access-Control-Request-Headers');
      expect(header('a preflight', 'access-control-allow-origin')).toBe('https://partner.example');
      // A partner's origin on an ordinary request, and an origin that is not configured.
      const partner = await get('/v1/me', { ...person, origin: 'https://partner.example' });
      expect([partner.status, partner.headers.get('access-control-allow-origin')]).toEqual([200, 'https://partner.example']);
      const stranger = await get('/v1/me', { ...person, origin: 'https://other.example' });
      expect([stranger.status, stranger.headers.get('access-control-allow-origin')]).toEqual([200, null]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
