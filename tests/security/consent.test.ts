/**
 * Consent is enforced by the server: once the person withdraws, every staff route answers
 * with none of that code's data (lists, detail, exports, anything a client or proxy could
 * have cached), and giving consent again shows it again.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/openapi/route-table.ts';
import { fillPath, marker, world, type World } from './world.ts';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => w.env.close());

const bodies: Record<string, unknown> = {
  'post /v1/staff/codes/{ref}/unlock': { sectionId: 'logg', reason: 'Avtalt' },
  'post /v1/staff/codes/{ref}/appointments': { at: '2025-03-12T09:00:00Z', kind: 'video' },
  'post /v1/staff/codes': { programId: 'kurs' },
  'post /v1/staff/codes/{ref}/evaluation': { answers: { completed: 1, change: 2 } },
  'post /v1/staff/groups': { programId: 'kurs', name: 'Kurs', startDate: '2025-03-03', schedule: { everyDays: 7 } },
  'post /v1/staff/groups/{ref}/codes': { count: 1 },
  'post /v1/staff/api-keys': { name: 'Key', scopes: ['codes:read'] },
};

describe('after withdrawal', () => {
  it('shows the data with consent, and sends it as no-store', async () => {
    const { env, a } = w;
    const detail = await env.call('GET', `/v1/staff/codes/${a.person.ref}`, { token: a.pro.token });
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(marker);
    expect(detail.headers.get('cache-control')).toBe('no-store');
    expect(detail.headers.get('etag')).toBeNull();
    const list = await env.call('GET', '/v1/staff/codes', { token: a.pro.token });
    expect(list.json.codes.find((c: any) => c.ref === a.person.ref).progress).toBeDefined();
  });

  it('answers every staff route with none of the code\'s data, at once', async () => {
    const { env, a } = w;
    expect((await env.call('PUT', '/v1/me/consent', { token: a.person.token, body: { share: false } })).status).toBe(200);
    const staffRoutes = routeTable.filter((r) => r.path.startsWith('/v1/staff/') && r.auth !== 'none' && !r.path.includes('/revoke') && !r.path.includes('/sessions') && !r.path.includes('/totp') && r.path !== '/v1/staff/password');
    const seen: string[] = [];
    for (const route of staffRoutes) {
      const key = `${route.method} ${route.path}`;
      const path = fillPath(route.path, { ref: route.path.startsWith('/v1/staff/api-keys') ? 'key_none' : a.person.ref, id: a.person.appointmentId, username: 'nobody' });
      const body = key === 'post /v1/staff/codes/lookup' ? { code: a.person.code } : bodies[key];
      for (const token of [a.pro.token, a.admin.token, a.key.token]) {
        const res = await env.call(route.method.toUpperCase(), path, { token, body });
        seen.push(`${key} ${res.status}`);
        expect([key, res.status]).not.toEqual([key, 500]);
        expect(res.text).not.toContain(marker);
        expect(res.text).not.toContain(a.person.entryId);
        // The program catalogue lists each program's parts ("sections") for the group form: the same for everyone, about no one.
        const keys = route.path === '/v1/staff/programs' ? /"(scores|checkins|entries|flags|goals|progress)"\s*:/ : /"(scores|checkins|entries|flags|goals|sections|progress)"\s*:/;
        expect(res.text).not.toMatch(keys);
        if (route.path === '/v1/staff/codes/{ref}' || route.path.endsWith('/unlock')) expect(res.json.error.code).toMatch(/^(consent_required|forbidden)$/);
      }
    }
    expect(seen.length).toBeGreaterThan(20);
    const list = await env.call('GET', '/v1/staff/codes', { token: a.pro.token });
    expect(list.json.codes.find((c: any) => c.ref === a.person.ref)).toEqual(expect.objectContaining({ consent: false }));
    expect(list.json.codes.find((c: any) => c.ref === a.person.ref).progress).toBeUndefined();
  });

  it('shows the data again when consent is given again, and nothing after erasure', async () => {
    const { env, a } = w;
    await env.call('PUT', '/v1/me/consent', { token: a.person.token, body: { share: true } });
    expect((await env.call('GET', `/v1/staff/codes/${a.person.ref}`, { token: a.pro.token })).text).toContain(marker);
    expect((await env.call('DELETE', '/v1/me', { token: a.person.token })).status).toBe(204);
    // An erased code's ref is gone for every staff route (410), not a misleading 403.
    for (const [method, path, body] of [['GET', '', undefined], ['POST', '/unlock', { sectionId: 'logg', reason: 'Avtalt' }], ['POST', '/appointments', { at: '2025-03-12T09:00:00Z', kind: 'phone' }], ['DELETE', `/appointments/${a.person.appointmentId}`, undefined], ['POST', '/revoke', undefined]] as const) {
      for (const token of [a.pro.token, a.admin.token]) {
        const after = await env.call(method, `/v1/staff/codes/${a.person.ref}${path}`, { token, body });
        expect([method, path, after.status, after.json.error.code]).toEqual([method, path, 410, 'gone']);
      }
    }
    expect((await env.call('GET', `/v1/staff/codes/${a.person.ref}`, { token: a.key.token })).json.error.code).toBe('gone');
    const list = await env.call('GET', '/v1/staff/codes', { token: a.pro.token });
    expect(list.text).not.toContain(marker);
    expect(list.json.codes.find((c: any) => c.ref === a.person.ref)).toEqual(expect.objectContaining({ status: 'erased', consent: null }));
    // Erased means overwritten: the marker is in no database page (secure_delete).
    expect(await env.rows(sql`SELECT count(*) AS n FROM entries`)).toEqual([{ n: 0 }]);
    if (env.stores.sqlite) {
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(env.dbPath).includes(Buffer.from(marker))).toBe(false);
    }
  });
});
