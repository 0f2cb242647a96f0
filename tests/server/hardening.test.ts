import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { readFileSync as read } from 'node:fs';
import { testApp, phq9, type TestEnv } from './helpers.ts';
import { errorCodes } from '../../server/errors.ts';
import { routeTable } from '../../server/openapi/route-table.ts';
import { errorMessage } from '../../server/locale/error-messages.ts';
import { validatorFor } from '../../engine/schemas.ts';
import { generateCode } from '../../server/codes/access-code.ts';

let env: TestEnv;
afterEach(async () => env?.close());

describe('the edge', () => {
  it('refuses a NUL character in the address with 400 bad_request on both backends, never a 500', async () => {
    env = await testApp();
    const staff = (await env.org()).token;
    const p = await env.person(staff);
    for (const [method, path, token] of [
      ['GET', '/v1/staff/codes/%00x', staff],
      ['GET', '/v1/staff/codes?status=%00', staff],
      ['DELETE', '/v1/me/exercises/maal/entries/1%00', p.token],
      ['GET', '/v1/me/sections/%00', p.token],
      ['GET', '/v1/calendar/%00', undefined],
    ] as const) {
      const res = await env.call(method, path, { token });
      expect([path, res.status, res.json.error.code]).toEqual([path, 400, 'bad_request']);
    }
  });


  it('answers 415, 400, 413 and 422 for bad bodies', async () => {
    env = await testApp();
    expect((await env.call('POST', '/v1/sessions', { raw: '{"code":"x"}', headers: { 'content-type': 'text/plain' } })).json.error.code).toBe('unsupported_media_type');
    expect((await env.call('POST', '/v1/sessions', { raw: '{"code":', headers: { 'content-type': 'application/json' } })).json.error.code).toBe('malformed_json');
    const big = await env.call('POST', '/v1/sessions', { raw: JSON.stringify({ code: 'x'.repeat(70 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect([big.status, big.json.error.code]).toEqual([413, 'payload_too_large']);
    const invalid = await env.call('POST', '/v1/sessions', { body: { remember: 'yes' } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.fields.map((f: any) => f.field).sort()).toEqual(['code', 'remember']);
  });

  it('sets security headers, answers unknown routes with JSON 404, and never a stack trace', async () => {
    env = await testApp({ score: () => { throw new Error('secret detail at /work/x.ts:1'); } });
    const res = await env.call('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const staff = await env.org();
    const p = await env.person(staff.token);
    const boom = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0) } });
    expect(boom.status).toBe(500);
    // The person's code was issued in bokmål: the message is in their language.
    expect(boom.text).toBe(JSON.stringify({ error: { code: 'internal_error', message: errorMessage('nb', 'internal_error', errorCodes.internal_error.message) } }));
    expect(env.logs.join('\n')).not.toContain('secret detail');
  });

  it('allows CORS only for configured origins', async () => {
    env = await testApp({ config: { corsOrigins: ['https://app.kommune.no'], programsDir: 'tests/server/fixtures/programs' } });
    const ok = await env.call('GET', '/v1/programs', { headers: { origin: 'https://app.kommune.no' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.kommune.no');
    const no = await env.call('GET', '/v1/programs', { headers: { origin: 'https://evil.example' } });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the public overview without exercise content, and assets', async () => {
    env = await testApp();
    const overview = await env.call('GET', '/v1/programs/kurs');
    expect(overview.json.parts.map((p: any) => p.id)).toEqual(['start', 'logg', 'slutt']);
    expect(overview.text).not.toContain('Bekymringslogg');
    expect((await env.call('GET', '/v1/programs/nope')).status).toBe(404);
    const asset = await env.call('GET', '/v1/programs/kurs/assets/bilde.png');
    expect([asset.status, asset.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await env.call('GET', '/v1/programs/kurs/assets/..%2Fprogram.yaml')).status).toBe(404);
    expect((await env.call('GET', '/healthz')).json).toEqual({ status: 'ok', programs: 1 });
  });
});

describe('no client address is ever stored or logged', () => {
  it('leaves no trace of 127.77.66.55 in the database, its WAL or the logs', async () => {
    env = await testApp();
    const address = '127.77.66.55';
    const bindings = { incoming: { socket: { remoteAddress: address, remotePort: 53211, remoteFamily: 'IPv4' } } };
    const staff = await env.org();
    const issued = await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'kurs' }, bindings });
    const login = await env.call('POST', '/v1/sessions', { body: { code: issued.json.code }, bindings });
    const token = login.json.token;
    for (let i = 0; i < 12; i++) await env.call('POST', '/v1/sessions', { body: { code: generateCode() }, bindings });
    expect((await env.call('POST', '/v1/sessions', { body: { code: generateCode() }, bindings })).status).toBe(429);
    await env.call('PUT', '/v1/me/consent', { token, body: { share: true }, bindings });
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9(1) }, bindings });
    await env.call('GET', '/v1/me', { token, bindings });
    await env.call('GET', `/v1/staff/codes/${issued.json.ref}`, { token: staff.token, bindings });

    const octets = address.split('.').map(Number);
    const encodings = [
      address,
      octets.map((o) => o.toString(16).padStart(2, '0')).join(''), // 7f4d4237
      Buffer.from(octets).toString('base64'),
      String(((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!), // 2135769655
      `::ffff:${address}`,
    ];
    const needles = [...encodings.map((e) => Buffer.from(e)), Buffer.from(octets), Buffer.from(encodings[1]!.toUpperCase())];
    if (env.stores.sqlite) {
      const files = [env.dbPath, `${env.dbPath}-wal`, `${env.dbPath}-shm`].filter(existsSync);
      expect(files.length).toBeGreaterThanOrEqual(2);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const needle of needles) expect([file, bytes.includes(needle)]).toEqual([file, false]);
      }
    } else {
      // PostgreSQL's files belong to its server: search every row of every table instead.
      const { tableOrder } = await import('../../server/store/schema.ts');
      for (const table of tableOrder) {
        const rows = JSON.stringify(await env.stores.kysely.selectFrom(table as never).selectAll().execute());
        for (const e of encodings) expect([table, rows.includes(e)]).toEqual([table, false]);
      }
    }
    const logs = env.logs.join('\n');
    for (const e of encodings) expect(logs).not.toContain(e);
    expect(logs).not.toContain(issued.json.code);
    expect(logs).not.toContain(token);
  });
});

describe('OpenAPI and the error table', () => {
  it('documents exactly the routes the app serves', async () => {
    env = await testApp();
    const served = new Set(
      env.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    const documented = new Set(routeTable.map((r) => `${r.method} ${r.path}`));
    expect([...served].sort()).toEqual([...documented].sort());
    const doc = await env.call('GET', '/openapi.json');
    expect(doc.json.openapi).toBe('3.1.0');
    // Every ref resolves, including refs to whole schema files (their names hold dots).
    const refs = JSON.stringify(doc.json).match(/"#\/components\/schemas\/([^"]+)"/g) ?? [];
    for (const ref of refs) expect(doc.json.components.schemas).toHaveProperty(ref.slice(22, -1));
    const page = await env.call('GET', '/docs');
    expect(page.text).toContain('/v1/me/sections/{id}');
    expect(page.text).not.toMatch(/(src|href)="https?:/);
  });

  it('lists every error code in docs/api.md', () => {
    const doc = existsSync('docs/api.md') ? read('docs/api.md', 'utf8') : '';
    for (const [code, { status }] of Object.entries(errorCodes)) expect(doc).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
  });

  it('compiles every request schema', () => {
    for (const route of routeTable) if (route.body) expect(typeof validatorFor(route.body)).toBe('function');
  });
});
