/**
 * Security headers on every route of the OpenAPI document and on the pages (/docs, and
 * / and /staff/), and the staff cookie's attributes:
 * __Host- prefix, HttpOnly, Secure, SameSite=Strict, Path=/ and no Domain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
