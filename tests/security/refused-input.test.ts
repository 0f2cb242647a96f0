/**
 * Input that once reached code unprepared for it: prototype names as ids on every route,
 * a leap second the schema's date-time format allows but Date cannot hold, and text that
 * cannot be stored as sent (NUL, unpaired surrogates, bytes that are not UTF-8). Each is
 * refused with a documented 4xx, and a refused request changes nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/openapi/route-table.ts';
import { errorCodes } from '../../server/errors.ts';
import { checksum, world, type World } from './world.ts';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => w.env.close());

const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
/** A valid value for each path parameter, so that the hostile one is reached. */
const valid = (): Record<string, string> => ({ id: 'maal', entryId: w.a.person.entryId, ref: w.a.person.ref, username: w.a.pro.username, name: 'bilde.png', path: 'mestring.css', token: 'msc_x' });
const bodies: Record<string, unknown> = {
  'post /v1/me/exercises/{id}/entries': { values: { goal: 'x' } },
  'put /v1/me/exercises/{id}/entries/{entryId}': { values: { goal: 'x' } },
  'post /v1/me/questionnaires/{id}/responses': { answers: { q1: 0 } },
  'post /v1/staff/codes/{ref}/unlock': { sectionId: '__proto__', reason: 'x' },
  'post /v1/staff/codes/{ref}/appointments': { at: '2025-03-10T09:00:00Z', kind: 'phone' },
};

describe('prototype names as ids', () => {
  const withParams = routeTable.filter((r) => r.path.includes('{') && r.method !== 'delete' && !r.path.endsWith('/revoke') && !r.path.endsWith('/totp/reset'));
  for (const route of withParams) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const { env, a } = w;
      const token = route.auth === 'person' ? a.person.token : route.auth === 'none' ? undefined : a.admin.token;
      for (const param of route.path.match(/\{(\w+)\}/g)!.map((p) => p.slice(1, -1))) {
        for (const name of prototypeNames) {
          const values = { ...valid(), [param]: name };
          const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(values[p]!));
          const before = await checksum(env.stores, { except: ['audit_log'] });
          const res = await env.call(route.method.toUpperCase(), path, { token, body: bodies[`${route.method} ${route.path}`] ?? (route.body ? {} : undefined) });
          expect([path, res.status < 500]).toEqual([path, true]);
          expect([path, res.json?.error?.code in errorCodes]).toEqual([path, true]);
          expect(await checksum(env.stores, { except: ['audit_log'] })).toBe(before);
        }
      }
    });
  }

  it('as keys in a body', async () => {
    const { env, a } = w;
    const before = await checksum(env.stores, { except: ['audit_log'] });
    for (const name of prototypeNames) {
      const raw = `{"values":{"${name}":"x","goal":"y"}}`;
      const res = await env.call('POST', '/v1/me/exercises/maal/entries', { token: a.person.token, raw, headers: { 'content-type': 'application/json' } });
      expect([name, res.status]).toEqual([name, 422]);
      const answers = await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: a.person.token, raw: `{"answers":{"${name}":1}}`, headers: { 'content-type': 'application/json' } });
      expect([name, answers.status]).toEqual([name, 422]);
    }
    expect(await checksum(env.stores, { except: ['audit_log'] })).toBe(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('dates the schema allows but Date cannot hold', () => {
  it('refuses a leap second with 422', async () => {
    const { env, a } = w;
    const before = await checksum(env.stores, { except: ['audit_log'] });
    const res = await env.call('POST', `/v1/staff/codes/${a.person.ref}/appointments`, { token: a.pro.token, body: { at: '2025-06-30T23:59:60Z', kind: 'phone' } });
    expect([res.status, res.json.error.code, res.json.error.fields?.[0]?.field]).toEqual([422, 'validation_failed', 'at']);
    expect(await checksum(env.stores, { except: ['audit_log'] })).toBe(before);
  });
});

describe('text that cannot be stored as sent', () => {
  const texts = { nul: 'før\u0000etter', loneHigh: 'a\uD800b', loneLow: '\uDC00', reversed: '\uDE00\uD83D' };
  for (const [name, text] of Object.entries(texts)) {
    it(`refuses ${name} with 422 in a value, a key and a stored name`, async () => {
      const { env, a } = w;
      const before = await checksum(env.stores, { except: ['audit_log'] });
      const entry = await env.call('POST', '/v1/me/exercises/maal/entries', { token: a.person.token, body: { values: { goal: text } } });
      expect([entry.status, entry.json.error.fields]).toEqual([422, [expect.objectContaining({ field: 'values/goal' })]]);
      const key = await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: a.person.token, body: { answers: { [text]: 1 } } });
      expect(key.status).toBe(422);
      const apiKey = await env.call('POST', '/v1/staff/api-keys', { token: a.admin.token, body: { name: `Partner ${text}`, scopes: ['codes:read'] } });
      expect([apiKey.status, apiKey.json.error.fields]).toEqual([422, [expect.objectContaining({ field: 'name' })]]);
      expect(await checksum(env.stores, { except: ['audit_log'] })).toBe(before);
    });
  }

  it('refuses a body that is not UTF-8 with 400, and stores a well-formed pair unchanged', async () => {
    const { env, a } = w;
    const before = await checksum(env.stores, { except: ['audit_log'] });
    const bytes = Buffer.concat([Buffer.from('{"values":{"goal":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]);
    const res = await env.app.request('/v1/me/exercises/maal/entries', { method: 'POST', headers: { authorization: `Bearer ${a.person.token}`, 'content-type': 'application/json' }, body: bytes });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([400, 'malformed_json']);
    expect(await checksum(env.stores, { except: ['audit_log'] })).toBe(before);
    const pair = await env.call('POST', '/v1/staff/api-keys', { token: a.admin.token, body: { name: 'Partner 😀', scopes: ['codes:read'] } });
    expect(pair.status).toBe(201);
    expect(await env.rows(sql`SELECT name FROM api_keys WHERE ref = ${pair.json.ref}`)).toEqual([{ name: 'Partner 😀' }]);
  });
});
