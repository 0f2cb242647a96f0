/**
 * Bad input on every route of the OpenAPI document, with and without auth (fast-check):
 * malformed, oversized, wrongly typed, deeply nested and unicode-odd bodies, and bodies
 * of the right shape with one hostile value (NUL, unpaired surrogates, prototype names,
 * leap seconds, huge numbers); hostile path params (also next to valid ones, so that the
 * deeper handlers are reached), queries and headers. The answer is always a documented
 * status: never a 500, a stack trace or a hang; every 4xx is a JSON error whose code is
 * in docs/api.md's table with that status; and a refused request (and every GET) leaves
 * the database as it was. Bounded runs in `npm test`; `npm run test:soak` runs 500 each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { openApiDocument } from '../../server/openapi/document.ts';
import { routeTable } from '../../server/openapi/route-table.ts';
import { checksum, world, type World } from './world.ts';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => w.env.close());

const runs = Number(process.env.MESTRING_FUZZ_RUNS ?? 20);
const doc = openApiDocument();
const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods as object).map((method) => ({ path, method: method.toUpperCase() })));
/** Routes whose valid call ends the caller's own session or data: called without valid auth only. */
const selfEnding = new Set(['DELETE /v1/me', 'DELETE /v1/sessions/current', 'DELETE /v1/staff/sessions/current']);
/** Routes that end or delete what they name: never called with every parameter valid. */
const destructive = new Set(['POST /v1/staff/codes/{ref}/revoke', 'POST /v1/staff/accounts/{username}/totp/reset', 'DELETE /v1/staff/api-keys/{ref}', 'DELETE /v1/staff/codes/{ref}/appointments/{id}', 'DELETE /v1/me/exercises/{id}/entries/{entryId}']);
/** The error table of docs/api.md: code -> status. */
const documented = new Map([...readFileSync('docs/api.md', 'utf8').matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));

const safeEncode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate as UTF-8: invalid on purpose
  }
};
const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const hostileText = ['\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '\uDE00\uD83D', '2025-06-30T23:59:60Z', '1e309', '-0', '9007199254740993', '\u202e', 'A\u0301', '😀'.repeat(30), 'x'.repeat(5000), "' OR 1=1 --", '../../etc/passwd', '%00', ...prototypeNames];
const odd = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('..', '../..', 'null', '-1', '{{x}}', 'cod_' + 'A'.repeat(16), ...hostileText),
);
const hostileValue = fc.oneof(odd, fc.constantFrom<unknown>(null, true, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [[[]]], { __proto__: 1 }), fc.anything({ maxDepth: 2 }));
const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

/** A valid body for each route with one, so that a single hostile value reaches the handler. */
const validBodies = (): Record<string, Record<string, unknown>> => ({
  'post /v1/sessions': { code: w.a.person.code, remember: true },
  'put /v1/me/consent': { share: true },
  'post /v1/me/exercises/{id}/entries': { values: { goal: 'Et mål', importance: 5, when: '10:00' } },
  'put /v1/me/exercises/{id}/entries/{entryId}': { values: { goal: 'Et mål', importance: 5 } },
  'post /v1/me/questionnaires/{id}/responses': { answers: { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1 } },
  'post /v1/me/checkins': { ratings: { mood: 5, worry: 5 } },
  'post /v1/staff/sessions': { org: w.a.slug, username: w.a.pro.username, password: 'wrong password' },
  'post /v1/staff/sessions/current/totp': { code: '000000' },
  'post /v1/staff/totp/confirm': { code: '000000' },
  'post /v1/staff/accounts': { username: 'ny-kollega', role: 'professional' },
  'put /v1/staff/password': { currentPassword: 'wrong password', newPassword: 'lilla tranebær over fjorden' },
  'post /v1/staff/codes': { programId: 'kurs' },
  'post /v1/staff/codes/lookup': { code: w.a.person.code },
  'post /v1/staff/codes/{ref}/unlock': { sectionId: 'slutt', reason: 'Avtalt' },
  'post /v1/staff/codes/{ref}/appointments': { at: '2025-04-01T09:00:00Z', kind: 'phone' },
  'post /v1/staff/api-keys': { name: 'Partner', scopes: ['codes:read'] },
});
/** A valid value for each path parameter. */
const validParams = (): Record<string, string> => ({ id: 'maal', entryId: w.a.person.entryId, ref: w.a.person.ref, username: w.a.pro.username, name: 'bilde.png', path: 'mestring.css', token: 'msc_' + 'A'.repeat(43) });

/** Replaces the value at a random path of `base` (or adds a hostile key) with `value`. */
function mutate(base: Record<string, unknown>, pick: number, value: unknown, asKey: boolean): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, at: (string | number)[]) => {
    if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
    paths.push(at);
  };
  walk(copy, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return JSON.stringify(asKey ? { ...copy, [String(value)]: 1 } : value);
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
  if (asKey && typeof value === 'string') parent[value] = parent[path.at(-1)!];
  else parent[path.at(-1)!] = value;
  return JSON.stringify(copy);
}

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.object({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.record({ code: odd, org: odd, username: odd, password: odd, altcha: odd, share: fc.anything(), answers: fc.anything(), values: fc.anything(), ratings: fc.anything(), programId: odd, sectionId: odd, reason: odd, at: odd, kind: odd, name: odd, scopes: fc.anything(), remember: fc.anything(), currentPassword: odd, newPassword: odd }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.constantFrom('', '{', '{"a":', 'nul', '\uFEFF{}', '[]', '"x"', '1', 'true', deep(3000, '[', ']'), deep(3000, '{"a":', '}').replace(/\}$/, '1}'), JSON.stringify({ code: 'x'.repeat(70 * 1024) }), '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/merge-patch+json', 'application/json; charset=utf-16');
const printable = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const headerName = fc.constantFrom('accept', 'accept-language', 'origin', 'sec-fetch-site', 'x-forwarded-for', 'forwarded', 'if-none-match', 'if-modified-since', 'range', 'x-http-method-override', 'user-agent', 'cookie', 'authorization', 'x-real-ip');
const headerValue = fc.oneof(printable, fc.constantFrom('null', 'same-origin', 'cross-site', 'https://evil.example', '__proto__', 'Basic YTpi', 'Bearer ', 'Bearer msp_', 'Bearer mss_x mss_y', '127.0.0.1, ::1, 10.0.0.1', ', , ,', 'bytes=0-1,-1', '__Host-mestring_staff=' + 'x'.repeat(1000)));

type AuthKind = 'none' | 'garbage' | 'person' | 'staff' | 'admin' | 'key' | 'cookie';
const auth = fc.constantFrom<AuthKind>('none', 'garbage', 'person', 'staff', 'admin', 'key', 'cookie');
function authHeaders(kind: AuthKind, garbage: string): Record<string, string> {
  const { a } = w;
  switch (kind) {
    case 'none': return {};
    case 'garbage': return { authorization: `Bearer ${garbage}`, cookie: `__Host-mestring_staff=${garbage}` };
    case 'person': return { authorization: `Bearer ${a.person.token}` };
    case 'staff': return { authorization: `Bearer ${a.pro.token}` };
    case 'admin': return { authorization: `Bearer ${a.admin.token}` };
    case 'key': return { authorization: `Bearer ${a.key.token}` };
    case 'cookie': return { cookie: `__Host-mestring_staff=${a.pro.token}`, 'sec-fetch-site': 'same-origin' };
  }
}

async function send(method: string, url: string, headers: Record<string, string>, payload?: string) {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hang: ${method} ${url}`)), 5000));
  const res = await Promise.race([w.env.app.request(url, { method, headers, body: method === 'GET' ? undefined : payload }), timeout]);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** One request: what the property and the fixed examples check. */
async function check(method: string, path: string, input: { params: string[]; keep: boolean[]; kind: AuthKind; garbage: string; payload: string | null; type: string | undefined; extra: [string, string][]; query: [string, string][] }) {
  const route = `${method} ${path}`;
  const useKind: AuthKind = selfEnding.has(route) && !['none', 'garbage'].includes(input.kind) ? 'garbage' : input.kind;
  const valid = validParams();
  const names = path.match(/\{\w+\}/g) ?? [];
  const keep = names.map((_, n) => input.keep[n % input.keep.length]!);
  if (destructive.has(route) && keep.every(Boolean)) keep[keep.length - 1] = false;
  let i = 0;
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const n = i++;
    return keep[n] ? encodeURIComponent(valid[name]!) : safeEncode(input.params[n % input.params.length]!);
  }) + (input.query.length ? `?${input.query.map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`).join('&')}` : '');
  const headers: Record<string, string> = {};
  for (const [name, value] of input.extra) headers[name] = value;
  Object.assign(headers, authHeaders(useKind, input.garbage));
  if (input.type) headers['content-type'] = input.type;
  const before = await checksum(w.env.stores, { except: ['audit_log'] });
  const res = await send(method, url, headers, input.payload ?? undefined);
  expect([route, url, res.status < 500]).toEqual([route, url, true]);
  expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+|node:internal|SqliteError|TypeError|RangeError/);
  if (res.status >= 400) {
    expect([route, res.type]).toEqual([route, expect.stringMatching(/^application\/json/)]);
    const code = JSON.parse(res.text).error.code as string;
    expect([route, code, documented.get(code)]).toEqual([route, code, res.status]);
  }
  if (res.status >= 400 || method === 'GET') expect([route, url, await checksum(w.env.stores, { except: ['audit_log'] })]).toEqual([route, url, before]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('every route of the OpenAPI document', () => {
  it('lists the routes, and docs/api.md lists the error codes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(35);
    expect(operations.length).toBe(routeTable.filter((r) => !r.hidden).length);
    expect(documented.size).toBeGreaterThanOrEqual(25);
  });

  for (const { path, method } of operations) {
    const key = `${method.toLowerCase()} ${path}`;
    it(`${method} ${path}`, async () => {
      const base = validBodies()[key];
      const payload = base
        ? fc.oneof(body, fc.tuple(fc.nat(), hostileValue, fc.boolean()).map(([pick, value, asKey]) => mutate(base, pick, value, asKey)))
        : body;
      const property = fc.asyncProperty(
        fc.array(odd, { minLength: 2, maxLength: 2 }), fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), auth, printable, fc.option(payload), contentType,
        fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }), fc.array(fc.tuple(fc.oneof(odd, fc.constantFrom('since', 'limit', '__proto__')), odd), { maxLength: 3 }),
        async (params, keep, kind, garbage, chosen, type, extra, query) => check(method, path, { params, keep, kind, garbage, payload: chosen, type, extra, query }),
      );
      await fc.assert(property, { numRuns: runs });
      // Fixed cases, so that what once broke is tried on every run: each prototype name in
      // every parameter (next to valid ones) with the route's own auth, and each hostile value in a valid body.
      const own: AuthKind = path.startsWith('/v1/me') || path === '/v1/sessions/current' ? 'person' : path.startsWith('/v1/staff/') ? 'admin' : 'none';
      for (const kind of [own]) {
        for (const name of prototypeNames) {
          for (const keep of [[false, true], [true, false], [false, false]]) {
            await check(method, path, { params: [name, name], keep, kind, garbage: '', payload: base ? JSON.stringify(base) : null, type: 'application/json', extra: [], query: [['since', name]] });
          }
        }
      }
      if (base) {
        for (const value of hostileText) {
          for (let pick = 0; pick < 4; pick++) {
            await check(method, path, { params: ['x', 'x'], keep: [true, true], kind: path.startsWith('/v1/me') ? 'person' : 'admin', garbage: '', payload: mutate(base, pick, value, pick % 2 === 1), type: 'application/json', extra: [], query: [] });
          }
        }
      }
    }, 300_000);
  }

  it('leaves the world working', async () => {
    expect((await w.env.call('GET', '/v1/me', { token: w.a.person.token })).status).toBe(200);
    expect((await w.env.call('GET', '/v1/staff/codes', { token: w.a.pro.token })).status).toBe(200);
  });
});
