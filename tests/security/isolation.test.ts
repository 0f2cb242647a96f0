/**
 * Organisations are isolated: for every staff route, staff and keys of organisation B
 * using A's refs, entries, appointments, keys and usernames get 404 (or data of B only),
 * and nothing of A changes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/openapi/route-table.ts';
import { checksum, fillPath, marker, world, type World } from './world.ts';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => w.env.close());

const bodies: Record<string, unknown> = {
  'post /v1/staff/codes/{ref}/unlock': { sectionId: 'logg', reason: 'Prøver' },
  'post /v1/staff/codes/{ref}/appointments': { at: '2025-03-11T09:00:00Z', kind: 'video' },
  'post /v1/staff/codes': { programId: 'kurs' },
  'post /v1/staff/codes/{ref}/evaluation': { answers: { completed: 1, change: 2 } },
  'post /v1/staff/groups': { programId: 'kurs', name: 'Kurs', startDate: '2025-03-03', schedule: { everyDays: 7 } },
  'post /v1/staff/groups/{ref}/codes': { count: 1 },
  'post /v1/staff/api-keys': { name: 'B key', scopes: ['codes:read'] },
  'post /v1/staff/accounts': { username: 'b-colleague', role: 'professional' },
  'put /v1/staff/api-keys/{ref}/allowances/{programId}': { total: 1 },
};
/** Tables B's own actions may write to (B's own rows); A's data lives in the rest. */
const bWrites = ['audit_log', 'codes', 'licences', 'api_keys', 'staff_sessions', 'staff', 'staff_recovery_codes', 'groups', 'api_key_issues'];

describe('organisation B against A', () => {
  const staffRoutes = routeTable.filter((r) => r.path.startsWith('/v1/staff/') && r.auth !== 'none' && !r.path.startsWith('/v1/staff/sessions') && r.path !== '/v1/staff/password' && !r.path.startsWith('/v1/staff/totp'));

  it('covers every staff route that names or lists an organisation\'s data', () => {
    expect(staffRoutes.length).toBeGreaterThanOrEqual(12);
  });

  for (const route of staffRoutes) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const { env, a, b } = w;
      const values = { ref: route.path.startsWith('/v1/staff/api-keys') ? a.key.ref : a.person.ref, id: a.person.appointmentId, username: a.pro.username, programId: 'kurs' };
      const path = fillPath(route.path, values);
      const key = `${route.method} ${route.path}`;
      const body = key === 'post /v1/staff/codes/lookup' ? { code: a.person.code } : bodies[key];
      const before = await checksum(env.stores, { except: bWrites });
      const aRows = JSON.stringify(await env.rows(sql`SELECT * FROM codes WHERE org_id = (SELECT id FROM orgs WHERE slug = ${'bydel-a'}) ORDER BY id`));
      for (const token of [b.admin.token, b.pro.token, b.key.token]) {
        const res = await env.call(route.method.toUpperCase(), path, { token, body });
        const named = route.path.includes('{') || key === 'post /v1/staff/codes/lookup';
        if (named) expect([token.slice(0, 4), res.status === 404 || res.status === 403]).toEqual([token.slice(0, 4), true]);
        if (res.status === 403) expect(res.json.error.code).toBe('forbidden');
        expect(res.text).not.toContain(a.person.ref);
        expect(res.text).not.toContain(a.person.entryId);
        expect(res.text).not.toContain(a.key.ref);
        expect(res.text).not.toContain(a.pro.username);
        expect(res.text).not.toContain(marker);
      }
      expect(await checksum(env.stores, { except: bWrites })).toBe(before);
      expect(JSON.stringify(await env.rows(sql`SELECT * FROM codes WHERE org_id = (SELECT id FROM orgs WHERE slug = ${'bydel-a'}) ORDER BY id`))).toBe(aRows);
      // A's staff are untouched and still logged in.
      expect((await env.call('GET', '/v1/staff/codes', { token: a.pro.token })).status).toBe(200);
    });
  }

  it('writes every probe of A\'s refs and codes to B\'s audit log: who and when, never an address', async () => {
    const { env, b } = w;
    const bOrg = (await env.stores.orgs.bySlug('bydel-b'))!.id;
    const probes = (await env.stores.audit.list(bOrg)).filter((r) => r.action.endsWith('cross_org_probe'));
    const bStaff = new Set([(await env.stores.staff.byUsername(bOrg, b.admin.username))!.id, (await env.stores.staff.byUsername(bOrg, b.pro.username))!.id]);
    const byWho = (r: { staff_id: number | null; api_key_id: number | null }) => (r.staff_id !== null ? (bStaff.has(r.staff_id) ? 'staff' : 'other') : r.api_key_id !== null ? 'key' : 'nobody');
    // Every route naming one of A's code refs, the typed code lookup, and A's key ref; by B's admin, professional and key.
    expect(probes.filter((r) => r.action === 'code.cross_org_probe').map(byWho)).toEqual(expect.arrayContaining(['staff', 'key']));
    expect(probes.filter((r) => r.action === 'code.cross_org_probe').length).toBeGreaterThanOrEqual(6);
    expect(probes.filter((r) => r.action === 'api_key.cross_org_probe').length).toBeGreaterThanOrEqual(1);
    expect(probes.every((r) => byWho(r) !== 'other' && byWho(r) !== 'nobody')).toBe(true);
  });

  it('leaves A\'s person working and A\'s audit log free of B\'s staff', async () => {
    const { env, a } = w;
    expect((await env.call('GET', '/v1/me', { token: a.person.token })).status).toBe(200);
    const [foreign = { n: -1 }] = await env.rows(sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE org_id = (SELECT id FROM orgs WHERE slug = 'bydel-a') AND staff_id IN (SELECT id FROM staff WHERE org_id = (SELECT id FROM orgs WHERE slug = 'bydel-b'))`);
    expect(foreign.n).toBe(0);
  });
});
