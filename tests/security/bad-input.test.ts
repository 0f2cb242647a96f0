/**
 * Bad input on every route of the OpenAPI document, with and without auth: malformed,
 * oversized, wrongly typed, deeply nested and unicode-odd bodies, parameters, queries and
 * headers (fast-check). The answer is always a documented status: never a 500, a stack
 * trace or a hang; any 4xx is a JSON error with a stable code from server/errors.ts whose
 * status matches; and a refused request leaves the database as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openApiDocument } from '../../server/openapi/document.ts';
import { errorCodes } from '../../server/errors.ts';
import { checksum, world, type World } from './world.ts';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.env.close());

const runs = Number(process.env.MESTRING_FUZZ_RUNS ?? 20);
const doc = openApiDocument();
const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods as object).map((method) => ({ path, method: method.toUpperCase() })));
/** Routes whose valid call ends the caller's own session or data: called without valid auth only. */
const selfEnding = new Set(['DELETE /v1/me', 'DELETE /v1/sessions/current', 'DELETE /v1/staff/sessions/current']);

const safeEncode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate as UTF-8: invalid on purpose
  }
};
const odd = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('..', '../..', '%00', '\u0000', 'null', '-1', '1e309', '\u202e', 'A\u0301', '😀'.repeat(30), 'x'.repeat(5000), '{{x}}', "' OR 1=1 --", 'cod_' + 'A'.repeat(16)),
);
const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.object({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.record({ code: odd, org: odd, username: odd, password: odd, share: fc.anything(), answers: fc.anything(), values: fc.anything(), ratings: fc.anything(), programId: odd, sectionId: odd, reason: odd, at: odd, kind: odd, name: odd, scopes: fc.anything(), remember: fc.anything(), currentPassword: odd, newPassword: odd }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.constantFrom('', '{', '{"a":', 'nul', '\uFEFF{}', '[]', '"x"', '1', 'true', deep(3000, '[', ']'), deep(3000, '{"a":', '}').replace(/\}$/, '1}'), JSON.stringify({ code: 'x'.repeat(70 * 1024) }), '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/merge-patch+json', 'application/json; charset=utf-16');
const printable = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const headerName = fc.constantFrom('accept', 'accept-language', 'origin', 'x-forwarded-for', 'if-none-match', 'range', 'x-http-method-override', 'forwarded', 'user-agent');

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
    case 'cookie': return { cookie: `__Host-mestring_staff=${a.pro.token}` };
  }
}

async function send(method: string, url: string, headers: Record<string, string>, payload?: string) {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hang: ${method} ${url}`)), 5000));
  const res = await Promise.race([w.env.app.request(url, { method, headers, body: method === 'GET' ? undefined : payload }), timeout]);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

describe('every route of the OpenAPI document', () => {
  it('lists the routes', () => expect(operations.length).toBeGreaterThanOrEqual(35));

  for (const { path, method } of operations) {
    it(`${method} ${path}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(odd, { minLength: 2, maxLength: 2 }), auth, printable, fc.option(body), contentType, fc.array(fc.tuple(headerName, printable), { maxLength: 3 }), fc.option(fc.tuple(odd, odd)),
          async (params, kind, garbage, payload, type, extra, query) => {
            const route = `${method} ${path}`;
            const useKind: AuthKind = selfEnding.has(route) && !['none', 'garbage'].includes(kind) ? 'garbage' : kind;
            let i = 0;
            const url = path.replace(/\{\w+\}/g, () => safeEncode(params[i++ % 2]!)) + (query ? `?${safeEncode(query[0])}=${safeEncode(query[1])}&since=${safeEncode(query[1])}` : '');
            const headers: Record<string, string> = Object.fromEntries(extra);
            Object.assign(headers, authHeaders(useKind, garbage));
            if (type) headers['content-type'] = type;
            const before = await checksum(w.env.stores, { except: ['audit_log'] });
            const res = await send(method, url, headers, payload ?? undefined);
            expect([route, res.status < 500]).toEqual([route, true]);
            expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+|node:internal|SqliteError|TypeError|RangeError/);
            if (res.status >= 400) {
              expect(res.type).toMatch(/^application\/json/);
              const code = JSON.parse(res.text).error.code as keyof typeof errorCodes;
              expect([route, code in errorCodes && errorCodes[code].status]).toEqual([route, res.status]);
            }
            if (res.status >= 400 || method === 'GET') expect([route, url, await checksum(w.env.stores, { except: ['audit_log'] })]).toEqual([route, url, before]);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          }),
        { numRuns: runs },
      );
    });
  }

  it('leaves the world working', async () => {
    expect((await w.env.call('GET', '/v1/me', { token: w.a.person.token })).status).toBe(200);
    expect((await w.env.call('GET', '/v1/staff/codes', { token: w.a.pro.token })).status).toBe(200);
  });
});
